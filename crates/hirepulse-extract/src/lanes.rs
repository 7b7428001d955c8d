//! Career lanes of the roles offered. (Rules to come.)

pub fn find(_text: &str, _title: Option<&str>) -> Vec<String> {
    Vec::new()
}
