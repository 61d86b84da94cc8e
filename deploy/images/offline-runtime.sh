#!/usr/bin/env bash
# Assembles the runtime layer of the image that CI builds offline (no registry is reachable there, so no base
# image can be pulled): a Java 17 runtime cut with jlink from the build's own JDK, the C libraries it links
# against (glibc, libstdc++, zlib, from the build machine's Debian packages), coreutils' sleep for the preStop
# hook, /tmp, and a passwd entry for the non-root user. Jib lays it over `scratch`. Production images use a real
# base image pinned by digest instead (jib.base.image in the root pom).
#   usage: offline-runtime.sh OUTPUT_DIR
set -euo pipefail
out=$1
if [[ -x $out/opt/java/bin/java ]]; then
  exit 0 # already assembled in this target/
fi
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/bin"
# What Spring Boot, Netty, Tomcat, JDBC, JMX and TLS need; jlink adds what these depend on.
"$jdk/bin/jlink" --output "$out/opt/java" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
cp "$(readlink -f "$(command -v sleep)")" "$out/bin/sleep"
# Every system library those binaries load, at the path the dynamic loader looks for it. The AWT and sound
# libraries are left out: the services run headless and never load them.
find "$out/opt/java" "$out/bin" -type f \( -name '*.so' -o -perm -u+x \) \
  -not -regex '.*/lib\(awt\|fontmanager\|jawt\|splashscreen\|lcms\|jsound\|mlib_image\|javajpeg\).*' -print0 |
  xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' |
  grep -v "^$out/" | sort -u |
  while read -r lib; do
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
