//! The technology taxonomy data file, parsed once. (To come.)
