#!/usr/bin/env bash
# Deploys the dev overlay to the cluster of the current kubectl context, in one command: the namespace, any
# Secret that does not exist yet (random values, never printed, never in git), then everything else.
# Images first: ./mvnw -B -DskipTests package jib:build -Dimage.registry=localhost:5000/orderpay
set -euo pipefail
cd "$(dirname "$0")"
ns=orderpay
kubectl apply -f base/platform/namespace.yaml

random() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
secret() { # name key=value...
  local name=$1; shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    return
  fi
  local args=()
  for pair in "$@"; do args+=("--from-literal=$pair"); done
  kubectl -n "$ns" create secret generic "$name" "${args[@]}" >/dev/null
  echo "created Secret $name"
}
secret orderpay-internal-token "token=$(random)"
secret orderpay-redis "password=$(random)"
for owner in order inventory wallet compensation seata; do
  secret "$owner-db-credentials" "username=$owner" "password=$(random)" "root-password=$(random)"
done
secret seata-console "password=$(random)" "secret-key=$(head -c 48 /dev/urandom | base64 | tr -d '\n')"

kubectl apply -k overlays/dev
echo "Deployed. Watch it come up: kubectl -n $ns get pods -w"
