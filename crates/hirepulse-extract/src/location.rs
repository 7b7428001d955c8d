//! Where the work happens: countries, work mode and US eligibility; and visa sponsorship. (Rules to come.)

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    pub work_mode: Vec<String>,
    pub countries: Vec<String>,
    pub us_eligible: Option<bool>,
}

pub fn find(_text: &str, _location: Option<&str>) -> Place {
    Place::default()
}

pub fn visa(_text: &str) -> Option<bool> {
    None
}
