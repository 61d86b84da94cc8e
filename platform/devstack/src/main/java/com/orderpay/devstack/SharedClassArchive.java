package com.orderpay.devstack;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for the Spring Boot applications the launcher and the tests start, the way Spring Boot documents
 * it ("Class Data Sharing"): the application in a form the JVM can archive (a jar extracted next to itself with
 * {@code java -Djarmode=tools -jar app.jar extract}, or a test's classpath with its class folders jarred), and a
 * dynamic CDS archive made by one training run that stops once the context is refreshed
 * ({@code -XX:ArchiveClassesAtExit} with {@code spring.context.exit=onRefresh}). Every later start maps the classes
 * from the archive instead of loading, parsing and verifying them: order-service alone started in 12-15 s on 15-18 s
 * of CPU from its jar, in 5-6 s on 6-8 s of CPU extracted with its archive (2 cores, its neighbours running). That
 * counts wherever the system is started: the local run, every test that starts a service, and a service restarted
 * after a crash, which is back sooner.
 *
 * <p>The coordinator's jar is Spring Boot 2, which can neither extract itself nor exit after the refresh: it is
 * unpacked (classes and libraries, in its launcher's order), and its training run is stopped once it is ready.
 *
 * <p>It is a speed-up, never a condition to start: a jar that is no Spring Boot jar, a preparation or a training
 * that fails, or the switch ({@code -Dorderpay.devstack.class-data-sharing=false} or
 * {@code ORDERPAY_DEVSTACK_CLASS_DATA_SHARING=false}) start the application as before. Anything rebuilt, or another
 * JVM build, invalidates the cache (its stamp); a JVM that finds an archive it cannot use warns and starts without it.
 */
public final class SharedClassArchive {

    private static final Logger log = LoggerFactory.getLogger(SharedClassArchive.class);

    static final String ENABLED_PROPERTY = "orderpay.devstack.class-data-sharing";
    private static final Pattern MAPPED = Pattern.compile(
            "CDS archive\\(s\\) mapped at: \\[(0x[0-9a-f]+)-(0x[0-9a-f]+)-(0x[0-9a-f]+)\\)");
    private static final long PREPARE_SECONDS = 120;
    private static final long TRAINING_SECONDS = 240;

    /** One lock per cache within this JVM; the file lock keeps other JVMs (another test module) out. */
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** Caches whose training failed in this JVM: not tried again on every start. */
    private static final Set<Path> FAILED = ConcurrentHashMap.newKeySet();

    /** What the JVM starts from, and how it is made archivable. */
    private sealed interface Application permits BootJar, UnpackedBootJar, Classpath {

        /** The arguments after the JVM's flags when nothing is prepared. */
        List<String> plain();

        /**
         * Whether a training run ends by itself once the context is refreshed ({@code spring.context.exit}, Spring
         * Framework 6.1+); otherwise it runs until it is ready and is then stopped (SIGTERM), which dumps the archive.
         */
        default boolean stopsAfterRefresh() {
            return true;
        }

        /** Whether this application can be prepared at all. */
        boolean archivable();

        /** What the cache was made from: sizes and times of the jars, the newest file of each class folder. */
        String source() throws IOException;

        /** Makes the archivable form in the (empty) {@code dir}. */
        void prepare(Path dir) throws IOException;

        /** The arguments after the JVM's flags that start the prepared form in {@code dir}. */
        List<String> prepared(Path dir);
    }

    /** A Spring Boot 3 jar, extracted: the application's jar with its libraries beside it. */
    private record BootJar(Path jar) implements Application {

        public List<String> plain() {
            return List.of("-jar", jar.toString());
        }

        public boolean archivable() {
            try (JarFile file = new JarFile(jar.toFile())) {
                String version = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue("Spring-Boot-Version");
                // 3.3 brought the tools jar mode that extracts a jar for CDS; 2.x jars (the coordinator) have none.
                return version != null && version.matches("3\\.([3-9]|\\d\\d).*");
            } catch (IOException e) {
                return false;
            }
        }

        public String source() throws IOException {
            return describe(jar);
        }

        public void prepare(Path dir) throws IOException {
            Path output = dir.resolve("prepare.log");
            int exit = run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                    dir.resolve("app").toString()), dir, output, PREPARE_SECONDS);
            if (exit != 0 || !Files.isRegularFile(extracted(dir))) {
                throw new IllegalStateException("extracting " + jar + " exited with " + exit + ": " + tail(output));
            }
        }

        public List<String> prepared(Path dir) {
            return List.of("-jar", extracted(dir).toString());
        }

        Path extracted(Path dir) {
            return dir.resolve("app").resolve(jar.getFileName());
        }
    }

    /**
     * A Spring Boot 2 jar (the coordinator's), which has no jar mode to extract itself: unpacked into its classes (as a
     * jar) and its libraries, and started as its launcher would, classes first, libraries in its classpath index's order.
     */
    private record UnpackedBootJar(Path jar) implements Application {

        private static final String INDEX = "BOOT-INF/classpath.idx";
        private static final String CLASSES = "BOOT-INF/classes/";
        private static final String LIB = "BOOT-INF/lib/";

        public List<String> plain() {
            return List.of("-jar", jar.toString());
        }

        public boolean stopsAfterRefresh() {
            return false;
        }

        public boolean archivable() {
            try (JarFile file = new JarFile(jar.toFile())) {
                return file.getManifest() != null
                        && file.getManifest().getMainAttributes().getValue("Start-Class") != null
                        && file.getEntry(INDEX) != null;
            } catch (IOException e) {
                return false;
            }
        }

        public String source() throws IOException {
            return describe(jar);
        }

        public void prepare(Path dir) throws IOException {
            Path app = Files.createDirectories(dir.resolve("app"));
            Files.createDirectories(app.resolve("lib"));
            List<String> classpath = new ArrayList<>();
            try (JarFile file = new JarFile(jar.toFile());
                 OutputStream out = Files.newOutputStream(app.resolve("classes.jar"));
                 JarOutputStream classes = new JarOutputStream(out)) {
                for (var entries = file.entries(); entries.hasMoreElements(); ) {
                    var entry = entries.nextElement();
                    if (entry.getName().startsWith(CLASSES) && entry.getName().length() > CLASSES.length()) {
                        classes.putNextEntry(new ZipEntry(entry.getName().substring(CLASSES.length())));
                        if (!entry.isDirectory()) {
                            file.getInputStream(entry).transferTo(classes);
                        }
                        classes.closeEntry();
                    } else if (entry.getName().startsWith(LIB) && entry.getName().endsWith(".jar")) {
                        try (var in = file.getInputStream(entry)) {
                            Files.copy(in, app.resolve("lib").resolve(entry.getName().substring(LIB.length())));
                        }
                    }
                }
                String index = new String(file.getInputStream(file.getEntry(INDEX)).readAllBytes(), StandardCharsets.UTF_8);
                for (String line : index.split("\n")) {
                    // - "BOOT-INF/lib/spring-boot-2.7.17.jar"
                    String entry = line.replaceFirst("^- \"(.*)\"$", "$1").trim();
                    if (entry.startsWith(LIB)) {
                        classpath.add(entry.substring(LIB.length()));
                    }
                }
                String startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
                Files.write(app.resolve("classpath"), classpath, StandardCharsets.UTF_8);
                Files.writeString(app.resolve("start-class"), startClass, StandardCharsets.UTF_8);
            }
        }

        public List<String> prepared(Path dir) {
            Path app = dir.resolve("app");
            try {
                List<String> entries = new ArrayList<>();
                entries.add(app.resolve("classes.jar").toString());
                for (String lib : Files.readAllLines(app.resolve("classpath"), StandardCharsets.UTF_8)) {
                    entries.add(app.resolve("lib").resolve(lib).toString());
                }
                return List.of("-cp", String.join(File.pathSeparator, entries),
                        Files.readString(app.resolve("start-class"), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A classpath and a main class; CDS archives classes from jars only, so each class folder is jarred. */
    private record Classpath(List<Path> entries, String mainClass) implements Application {

        public List<String> plain() {
            return List.of("-cp", join(entries), mainClass);
        }

        public boolean archivable() {
            return true;
        }

        public String source() throws IOException {
            StringBuilder source = new StringBuilder();
            for (Path entry : entries) {
                source.append(describe(entry));
            }
            return source.toString();
        }

        public void prepare(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("app"));
            for (int i = 0; i < entries.size(); i++) {
                if (Files.isDirectory(entries.get(i))) {
                    jar(entries.get(i), folderJar(dir, i));
                }
            }
        }

        public List<String> prepared(Path dir) {
            List<Path> prepared = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                prepared.add(Files.isDirectory(entries.get(i)) ? folderJar(dir, i) : entries.get(i));
            }
            return List.of("-cp", join(prepared), mainClass);
        }

        private static Path folderJar(Path dir, int index) {
            return dir.resolve("app").resolve("folder-" + index + ".jar");
        }

        /** Folders get entries of their own: component scanning asks the class loader for them ({@code com/orderpay/}). */
        private static void jar(Path folder, Path jar) throws IOException {
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.filter(path -> !path.equals(folder)).sorted().toList()) {
                    String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
                    boolean isFolder = Files.isDirectory(path);
                    zip.putNextEntry(new ZipEntry(isFolder ? name + "/" : name));
                    if (!isFolder) {
                        Files.copy(path, zip);
                    }
                    zip.closeEntry();
                }
            }
        }

        private static String join(List<Path> paths) {
            return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
        }
    }

    private final Application application;
    private final Path cache;

    private SharedClassArchive(Application application, Path cache) {
        this.application = application;
        this.cache = cache.toAbsolutePath().normalize();
    }

    /** For a Spring Boot jar (3.3+ extracted, 2.x unpacked): the cache is {@code <name>-cds/} next to {@code <name>.jar}. */
    public static SharedClassArchive ofBootJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        BootJar bootJar = new BootJar(absolute);
        return new SharedClassArchive(bootJar.archivable() ? bootJar : new UnpackedBootJar(absolute),
                absolute.resolveSibling(absolute.getFileName().toString().replaceFirst("\\.jar$", "") + "-cds"));
    }

    /** For an application started from a classpath (a module's own tests start its main classes this way). */
    public static SharedClassArchive ofClasspath(List<Path> classpath, String mainClass, Path cache) {
        return new SharedClassArchive(new Classpath(List.copyOf(classpath), mainClass), cache);
    }

    /** On unless {@code -Dorderpay.devstack.class-data-sharing=false} or {@code ORDERPAY_DEVSTACK_CLASS_DATA_SHARING=false}. */
    static boolean enabled() {
        String environment = System.getenv("ORDERPAY_DEVSTACK_CLASS_DATA_SHARING");
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, environment == null ? "true" : environment));
    }

    /** The folder with the prepared application ({@code app/}), the archive ({@code app.jsa}) and the training's log. */
    Path cache() {
        return cache;
    }

    Path archive() {
        return cache.resolve("app.jsa");
    }

    /**
     * What follows the JVM's flags on its command line ({@code -jar ...} or {@code -cp ... Main}): the prepared
     * application with its archive, trained first if there is none yet. {@code jvmCommand} is the command line up to
     * there (java, flags, {@code -D} properties), so that the training loads the classes the real start loads.
     */
    public List<String> launchArguments(String name, List<String> jvmCommand, Path workDir) {
        return launchArguments(name, jvmCommand, workDir, null);
    }

    /**
     * The same, for an application whose context does not stop itself once refreshed (Spring Boot 2): its training
     * run is stopped once {@code ready} holds; without {@code ready} it is started prepared but without an archive.
     */
    public List<String> launchArguments(String name, List<String> jvmCommand, Path workDir, BooleanSupplier ready) {
        if (!enabled() || !application.archivable()) {
            return application.plain();
        }
        try {
            synchronized (LOCKS.computeIfAbsent(cache, key -> new Object())) {
                Files.createDirectories(cache.getParent());
                try (FileChannel channel = FileChannel.open(cache.resolveSibling(cache.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    prepareIfStale();
                    if (!Files.isRegularFile(archive()) && !FAILED.contains(cache)
                            && (application.stopsAfterRefresh() || ready != null)) {
                        train(name, jvmCommand, workDir, ready);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{}: class-data sharing not prepared ({}); starting it as it is", name, e.toString());
            return application.plain();
        }
        List<String> arguments = new ArrayList<>();
        if (Files.isRegularFile(archive())) {
            arguments.add("-XX:SharedArchiveFile=" + archive());
        }
        arguments.addAll(application.prepared(cache));
        return arguments;
    }

    /** What the cache is for: the application's files and the JVM's build (an archive is only valid for both). */
    String stamp() throws IOException {
        return application.source() + "jvm " + System.getProperty("java.vm.version") + " "
                + System.getProperty("java.home") + "\n";
    }

    /** Prepares the application unless the cache holds this very one; a stale cache (archive too) goes first. */
    void prepareIfStale() throws IOException {
        Path stampFile = cache.resolve("stamp");
        String stamp = stamp();
        if (Files.isRegularFile(stampFile) && Files.isDirectory(cache.resolve("app"))
                && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
            return;
        }
        deleteRecursively(cache);
        Files.createDirectories(cache);
        application.prepare(cache);
        // Written last: a preparation cut short leaves no stamp and is done again.
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        FAILED.remove(cache);
    }

    private void train(String name, List<String> jvmCommand, Path workDir, BooleanSupplier ready) throws IOException {
        long started = System.nanoTime();
        Path partial = cache.resolve("app.jsa.partial");
        Files.deleteIfExists(partial);
        List<String> command = new ArrayList<>(jvmCommand);
        command.add("-XX:ArchiveClassesAtExit=" + partial);
        if (application.stopsAfterRefresh()) {
            command.add("-Dspring.context.exit=onRefresh");
        }
        command.addAll(application.prepared(cache));
        Files.createDirectories(workDir);
        Path trainingLog = cache.resolve("training.log");
        int exit = application.stopsAfterRefresh() ? run(command, workDir, trainingLog, TRAINING_SECONDS)
                : runUntilReady(command, workDir, trainingLog, ready);
        if (exit != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
            FAILED.add(cache);
            Files.deleteIfExists(partial);
            log.warn("{}: the class-data training run exited with {}; starting without an archive. {}", name, exit,
                    tail(trainingLog));
            return;
        }
        // Moved into place only once complete: a start never maps a half-written archive.
        Files.move(partial, archive(), StandardCopyOption.ATOMIC_MOVE);
        log.info("{}: class-data archive made in {} s ({} MB, {})", name,
                (System.nanoTime() - started) / 1_000_000_000, Files.size(archive()) >> 20, archive());
    }

    /**
     * How many bytes of a running JVM's classes come from its application's archive (0: only the JDK's archive, or
     * none), read from {@code jcmd <pid> VM.info} ("CDS archive(s) mapped at: [base-endOfJdks-endOfApps)").
     */
    static long mappedBytes(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "VM.info").redirectErrorStream(true).start();
        String info = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " VM.info did not finish");
        }
        Matcher mapped = MAPPED.matcher(info);
        return mapped.find() ? Long.decode(mapped.group(3)) - Long.decode(mapped.group(2)) : 0;
    }

    /** A jar by its size and time; a folder by its number of files and the newest one's time. */
    private static String describe(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return entry + " " + Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis() + "\n";
        }
        try (Stream<Path> files = Files.walk(entry)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            long newest = 0;
            for (Path file : all) {
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
            }
            return entry + " " + all.size() + " files, newest " + newest + "\n";
        }
    }

    private static int run(List<String> command, Path directory, Path output, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** Runs until {@code ready}, then stops it gracefully (the archive is dumped as the JVM exits); 0 if it got there. */
    private static int runUntilReady(List<String> command, Path directory, Path output, BooleanSupplier ready)
            throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_SECONDS);
            boolean gotReady = false;
            while (!gotReady && process.isAlive() && System.nanoTime() < deadline) {
                gotReady = ready.getAsBoolean();
                if (!gotReady) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return gotReady ? 0 : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
