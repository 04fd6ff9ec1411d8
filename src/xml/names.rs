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

/// What a byte may be in a name, as bit flags so that a name's bytes are classed in
/// one branch-free pass (`OR` of every byte's class).
const START: u8 = 1; // A letter or `_`: may start or continue a name.
const CONTINUE: u8 = 2; // A digit, `-` or `.`: may only continue one.
const COLON: u8 = 4;
const NON_ASCII: u8 = 8; // Left to the character rules.
const INVALID: u8 = 16;

const CLASSES: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphabetic() || c == b'_' {
            START
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            CONTINUE
        } else if c == b':' {
            COLON
        } else {
            INVALID
        };
        b += 1;
    }
    t
};

/// If `s` is a `QName` (`local` or `prefix:local`, both `NCName`s), where its colon
/// is (`Some(None)`: it has none); `None` if it is not one. One pass over the bytes
/// for the ASCII names every libvirt document uses; the character rules of
/// [`is_ncname`] for the rest.
pub(crate) fn qname_colon(s: &str) -> Option<Option<usize>> {
    let bytes = s.as_bytes();
    let first = CLASSES[usize::from(*bytes.first()?)];
    let all = bytes
        .iter()
        .fold(0, |all, &b| all | CLASSES[usize::from(b)]);
    if all & NON_ASCII != 0 {
        return qname_colon_slow(s);
    }
    if first != START || all & INVALID != 0 {
        return None;
    }
    if all & COLON == 0 {
        return Some(None);
    }
    // One colon, followed by a name start.
    let colon = bytes.iter().position(|&b| b == b':')?;
    let local = &bytes[colon + 1..];
    let local_ok = local
        .first()
        .is_some_and(|&b| CLASSES[usize::from(b)] == START)
        && !local.contains(&b':');
    local_ok.then_some(Some(colon))
}

/// [`qname_colon`] by characters, for names that are not all ASCII.
fn qname_colon_slow(s: &str) -> Option<Option<usize>> {
    match s.split_once(':') {
        Some((prefix, local)) => {
            (is_ncname(prefix) && is_ncname(local)).then_some(Some(prefix.len()))
        }
        None => is_ncname(s).then_some(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_xml_and_namespaces() {
        for good in ["a", "_x", "domain", "é", "a-b.c_1", "x·y", "Ѩ"] {
            assert!(is_ncname(good), "{good}");
            assert!(qname_colon(good).is_some(), "{good}");
        }
        for good in ["q:x", "qemu:commandline", "a1:b-2"] {
            assert!(qname_colon(good).is_some(), "{good}");
            assert!(!is_ncname(good), "{good}");
        }
        for bad in [
            "", " ", "1x", "-a", ".a", "''", "a b", "a'", "a=b", "\u{B7}a",
        ] {
            assert!(!is_ncname(bad), "{bad:?}");
            assert!(qname_colon(bad).is_none(), "{bad:?}");
        }
        for bad in ["a:b:c", "q:", ":x", ":", "q:1x", "é:", "a:é:b", "q:-x"] {
            assert!(qname_colon(bad).is_none(), "{bad:?}");
        }
        assert_eq!(qname_colon("qemu:commandline"), Some(Some(4)));
        assert_eq!(qname_colon("é:x"), Some(Some(2)));
        assert_eq!(qname_colon("x.é-1"), Some(None));
        assert_eq!(qname_colon("domain"), Some(None));
    }
}
