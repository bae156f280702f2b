//! The committed header `include/phimask.h` is exactly what the pinned
//! cbindgen generates from this crate. `PHIMASK_C_BLESS=1 cargo test -p
//! phimask-c --test header` rewrites it.

use std::path::Path;

#[test]
fn header_is_up_to_date() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let path = crate_dir.join("include/phimask.h");
    if std::env::var_os("PHIMASK_C_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("header written");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    if committed != generated {
        let generated = String::from_utf8_lossy(&generated);
        let committed = String::from_utf8_lossy(&committed);
        let first = generated
            .lines()
            .zip(committed.lines())
            .position(|(g, c)| g != c)
            .map_or_else(
                || "(one is a prefix of the other)".to_string(),
                |i| format!("first difference at line {}", i + 1),
            );
        panic!(
            "bindings/c/include/phimask.h is out of date ({first}); \
             regenerate it with `PHIMASK_C_BLESS=1 cargo test -p phimask-c --test header`"
        );
    }
}
