//! XML names: what XML 1.0 (fifth edition) and Namespaces in XML 1.0 allow as an
//! element or attribute name. The reader refuses anything else, as libxml2 does, and
//! the writer refuses to write a name that would not read back.

/// Whether `c` may start an XML name (`NameStartChar` without `:`).
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Whether `c` may continue an XML name (`NameChar` without `:`).
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an `NCName`: a non-empty XML name without a colon (a prefix or a
/// local name).
pub(crate) fn is_ncname(s: &str) -> bool {
    // Fast path: the ASCII names every libvirt document uses.
    if let Some((&first, rest)) = s.as_bytes().split_first() {
        if (first.is_ascii_alphabetic() || first == b'_')
            && rest
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            return true;
        }
    }
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// Whether `s` is a `QName`: `local` or `prefix:local`, both `NCName`s.
pub(crate) fn is_qname(s: &str) -> bool {
    match s.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_xml_and_namespaces() {
        for good in ["a", "_x", "domain", "é", "a-b.c_1", "x·y", "Ѩ"] {
            assert!(is_ncname(good), "{good}");
            assert!(is_qname(good), "{good}");
        }
        for good in ["q:x", "qemu:commandline", "a1:b-2"] {
            assert!(is_qname(good), "{good}");
            assert!(!is_ncname(good), "{good}");
        }
        for bad in [
            "", " ", "1x", "-a", ".a", "''", "a b", "a'", "a=b", "\u{B7}a",
        ] {
            assert!(!is_ncname(bad), "{bad:?}");
            assert!(!is_qname(bad), "{bad:?}");
        }
        for bad in ["a:b:c", "q:", ":x", ":", "q:1x"] {
            assert!(!is_qname(bad), "{bad:?}");
        }
    }
}
