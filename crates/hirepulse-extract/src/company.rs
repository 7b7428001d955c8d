//! The hiring company's name. (Rules to come.)

pub fn find(_text: &str, given: Option<&str>) -> Option<String> {
    given.map(str::to_string)
}
