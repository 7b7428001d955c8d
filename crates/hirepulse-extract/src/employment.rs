//! Employment types stated. (Rules to come.)

pub fn find(_text: &str) -> Vec<String> {
    Vec::new()
}
