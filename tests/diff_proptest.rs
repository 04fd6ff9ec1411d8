//! Property test of `Domain::diff`: one value changed in a generated domain shows up
//! as exactly that change (or, when the value is an identity such as a disk's target,
//! as that element removed and added), and a domain never differs from itself.

mod diff_common;
mod strategies;

use diff_common::{bare, change, values, write};
use libvirt_domain::diff::ChangeKind;
use libvirt_domain::xml::Element;
use libvirt_domain::Domain;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_single_change_is_exactly_that_change(
        domain in strategies::domain::domain(),
        pick in any::<u64>(),
    ) {
        // A domain holding a character XML 1.0 forbids cannot be written or compared.
        let xml = domain.to_xml();
        prop_assume!(xml.is_ok());
        let xml = xml.expect("checked");
        prop_assert!(domain.diff(&domain).expect("written once").is_empty());
        let mut tree = Element::parse(&xml).expect("written XML parses");
        let all = values(&tree);
        prop_assume!(!all.is_empty());
        let value = &all[(pick % all.len() as u64) as usize];
        let (old, new) = change(&mut tree, value);
        let mut text = String::new();
        write(&tree, &mut text);
        // A change the model refuses to read (a unit it does not know) is no test;
        // proptest draws another case (and fails if it must reject too many).
        let changed = Domain::from_xml(&text);
        prop_assume!(changed.is_ok());
        let changed = changed.expect("checked");
        let diff = domain.diff(&changed).expect("both write");
        let shown = diff.to_string();
        match diff.changes.as_slice() {
            [one] => {
                prop_assert_eq!(bare(&one.path), value.path.clone(), "{}", shown);
                prop_assert_eq!(one.kind, ChangeKind::Changed, "{}", shown);
            }
            [removed, added] => {
                // An identity changed: the element is another one now.
                prop_assert_eq!(removed.kind, ChangeKind::Removed, "{}", shown);
                prop_assert_eq!(added.kind, ChangeKind::Added, "{}", shown);
                let element = bare(&removed.path);
                prop_assert_eq!(&bare(&added.path), &element, "{}", shown);
                prop_assert!(value.path.starts_with(&format!("{element}/")), "{} not under {}", value.path, shown);
            }
            _ => prop_assert!(false, "{} {:?} → {:?} shows as:\n{}", value.path, old, new, shown),
        }
    }
}
