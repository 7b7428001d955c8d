//! Languages and wider technologies, from the taxonomy. (Rules to come.)

/// Returns (canonical language ids, other technology ids), each sorted and unique.
pub fn find(_text: &str) -> (Vec<String>, Vec<String>) {
    (Vec::new(), Vec::new())
}
