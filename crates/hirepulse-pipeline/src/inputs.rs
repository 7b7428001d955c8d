//! Turning the paths a user types into the inputs to read: files, folders (walked, sorted),
//! glob patterns, and `-` for standard input.
//!
//! Expansion is deterministic (sorted) so that two runs read the same inputs in the same order.

use std::path::{Path, PathBuf};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputSpec {
    Stdin,
    File(PathBuf),
}

impl InputSpec {
    /// The name used in messages: the path, or `-` for stdin.
    pub fn name(&self) -> String {
        match self {
            InputSpec::Stdin => "-".to_string(),
            InputSpec::File(path) => path.display().to_string(),
        }
    }

    /// Opens the input for buffered reading.
    pub fn open(&self) -> std::io::Result<Box<dyn std::io::BufRead>> {
        Ok(match self {
            InputSpec::Stdin => {
                Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
            }
            InputSpec::File(path) => Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                std::fs::File::open(path)?,
            )),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: no such file, folder or matching glob")]
    NotFound(String),
    #[error("{pattern}: bad glob pattern: {reason}")]
    BadPattern { pattern: String, reason: String },
    #[error("{path}: cannot list folder: {reason}")]
    Walk { path: String, reason: String },
}

/// Folder entries with these extensions are read; others (README, .DS_Store) are ignored.
const READABLE_EXTENSIONS: &[&str] = &["jsonl", "ndjson", "json", "csv", "html", "htm"];

/// Expands `paths` into inputs, in order; within a folder or glob, files are sorted by path.
pub fn expand(paths: &[String]) -> Result<Vec<InputSpec>, InputError> {
    let mut inputs = Vec::new();
    for path in paths {
        if path == "-" {
            inputs.push(InputSpec::Stdin);
            continue;
        }
        let as_path = Path::new(path);
        if as_path.is_file() {
            inputs.push(InputSpec::File(as_path.to_path_buf()));
        } else if as_path.is_dir() {
            inputs.extend(walk(as_path)?.into_iter().map(InputSpec::File));
        } else if path.contains(['*', '?', '[']) {
            let mut matched: Vec<PathBuf> = glob::glob(path)
                .map_err(|err| InputError::BadPattern {
                    pattern: path.clone(),
                    reason: err.to_string(),
                })?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if matched.is_empty() {
                return Err(InputError::NotFound(path.clone()));
            }
            matched.sort();
            inputs.extend(matched.into_iter().map(InputSpec::File));
        } else {
            return Err(InputError::NotFound(path.clone()));
        }
    }
    Ok(inputs)
}

fn walk(folder: &Path) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|err| InputError::Walk {
            path: folder.display().to_string(),
            reason: err.to_string(),
        })?;
        let readable = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| READABLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if entry.file_type().is_file() && readable {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_files_folders_globs_and_stdin() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.jsonl", "a.jsonl", "notes.txt"] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        let folder = dir.path().display().to_string();
        let inputs = expand(&[folder.clone(), "-".into(), format!("{folder}/*.jsonl")]).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.name().rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.jsonl", "b.jsonl", "-", "a.jsonl", "b.jsonl"]);
        assert!(matches!(
            expand(&[format!("{folder}/missing")]),
            Err(InputError::NotFound(_))
        ));
        assert!(matches!(
            expand(&[format!("{folder}/*.csv")]),
            Err(InputError::NotFound(_))
        ));
    }
}
