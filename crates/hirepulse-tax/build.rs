//! Embeds every `data/us-YYYY.toml` parameter file, so a new tax year is a new data file and no
//! code change: the generated `years.rs` lists `(year, text)` pairs in year order.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let data_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    println!("cargo:rerun-if-changed={}", data_dir.display());
    let mut years: Vec<(u16, String)> = Vec::new();
    let entries = std::fs::read_dir(&data_dir).expect("the data folder of hirepulse-tax exists");
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let Some(year) = name
            .strip_prefix("us-")
            .and_then(|rest| rest.strip_suffix(".toml"))
            .and_then(|year| year.parse::<u16>().ok())
        else {
            continue;
        };
        println!("cargo:rerun-if-changed={}", path.display());
        years.push((year, path.display().to_string()));
    }
    years.sort();
    let mut code = String::from("/// Embedded parameter files: (tax year, TOML text).\n");
    code.push_str("pub(crate) const YEAR_FILES: &[(u16, &str, &str)] = &[\n");
    for (year, path) in &years {
        let _ = writeln!(
            code,
            "    ({year}, \"us-{year}.toml\", include_str!({path:?})),"
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("years.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
