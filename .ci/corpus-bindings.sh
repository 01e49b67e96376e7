#!/usr/bin/env bash
# Full-corpus bindings (issue: bindings for the whole corpus): generate the v1.0 and beta
# crates from the Graph docs corpus into target/ (never committed: they carry the corpus's
# text), compile them with warnings denied, run every documented example's round-trip check,
# and compile one small workload feature alone.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${DOCGEN_CORPUS:?DOCGEN_CORPUS must point at the Graph docs corpus}"
out=target/corpus-bindings

# docgen itself builds in the workspace's target/; the generated crates share their own.
cargo build --release -p docgen
docgen="$PWD/target/release/docgen"
export CARGO_TARGET_DIR="$PWD/$out/target"
for version in v1.0 beta; do
  name="graph-${version//./}"
  crate="$out/$version"
  echo "== $version: generate"
  "$docgen" generate "$corpus/$version" --out "$crate" --crate-name "$name" --standalone
  echo "== $version: compile (all features, #![deny(warnings)]) and round-trip every typed example"
  start=$(date +%s)
  cargo test --manifest-path "$crate/Cargo.toml" --all-features --test examples -- --nocapture
  echo "== $version: compiled and tested in $(( $(date +%s) - start )) s"
  echo "== $version: one small workload feature alone (teamwork)"
  start=$(date +%s)
  cargo check --manifest-path "$crate/Cargo.toml" --no-default-features --features teamwork
  echo "== $version: teamwork alone checked in $(( $(date +%s) - start )) s"
done
