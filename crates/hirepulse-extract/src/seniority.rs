//! Seniority levels named for the roles. (Rules to come.)

pub fn find(_text: &str, _title: Option<&str>) -> Vec<String> {
    Vec::new()
}
