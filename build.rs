//! Bakes an rpath to libtorch into every binary, test and bench.
//!
//! torch-sys links against the `torch` wheel's shared libraries but leaves no
//! rpath behind, so without this users would need `LD_LIBRARY_PATH`. We point
//! the rpath at the canonical (symlink-resolved) `torch/lib` of the venv that
//! `.cargo/config.toml` names, so a `.venv` link into a shared cache works.
use std::path::{Path, PathBuf};

fn torch_lib_dir(venv: &Path) -> Option<PathBuf> {
    let lib = venv.join("lib");
    let mut entries: Vec<_> = std::fs::read_dir(&lib).ok()?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    entries.into_iter().find_map(|e| {
        let name = e.file_name();
        let cand = e.path().join("site-packages/torch/lib");
        (name.to_string_lossy().starts_with("python") && cand.is_dir()).then_some(cand)
    })
}

fn main() {
    println!("cargo:rerun-if-env-changed=VIRTUAL_ENV");
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    let mut dirs = Vec::new();
    if let Some(libtorch) = std::env::var_os("LIBTORCH") {
        dirs.push(PathBuf::from(libtorch).join("lib"));
    }
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV") {
        if let Some(dir) = torch_lib_dir(Path::new(&venv)) {
            dirs.push(dir);
        }
    }
    for dir in dirs {
        let dir = dir.canonicalize().unwrap_or(dir);
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
    }
}
