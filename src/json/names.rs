//! Plain JSON keys for the model's serde names, and back.
//!
//! The model's field names carry their XML meaning (`@type`, `$text`, `{uri}name`,
//! see `docs/architecture.md`); JSON gets plain keys instead. The mapping is a
//! function of the name alone, so the writer and the reader agree; a struct in which
//! two fields would get the same key is resolved by [`plain_keys`].

use std::borrow::Cow;

use crate::namespaces::prefix_of;
use crate::xml::{EXTRA_FIELD, TEXT_FIELD, VALUE_FIELD};

/// The serde name of a struct's ordered children (see `docs/architecture.md`).
pub(crate) const CHILDREN_FIELD: &str = VALUE_FIELD;
/// JSON key of an element's text (`$text`).
pub const TEXT_KEY: &str = "value";
/// JSON key of an element's ordered children (`$value`), when it is not written as
/// a bare array.
pub const CHILDREN_KEY: &str = "children";
/// JSON key of unknown content (`$extra`).
pub const EXTRA_KEY: &str = "extra";
/// Suffix that a child element's key (or the text's) takes when an attribute of the
/// same struct has the same name: `<controller model='pcie-root-port'><model name='…'/>`
/// gives `"model": "pcie-root-port"` and `"model_element": {"name": …}`.
pub const ELEMENT_SUFFIX: &str = "_element";

/// The plain key of one serde name, before clash resolution.
pub(crate) fn plain_key(name: &str) -> Cow<'_, str> {
    match name {
        TEXT_FIELD => return Cow::Borrowed(TEXT_KEY),
        VALUE_FIELD => return Cow::Borrowed(CHILDREN_KEY),
        EXTRA_FIELD => return Cow::Borrowed(EXTRA_KEY),
        _ => {}
    }
    let name = name.strip_prefix('@').unwrap_or(name);
    if let Some(rest) = name.strip_prefix('{') {
        if let Some((uri, local)) = rest.split_once('}') {
            // A field `{uri}local` of a namespace the model knows is `prefix:local`.
            if let Some(prefix) = prefix_of(uri) {
                return Cow::Owned(format!("{prefix}:{local}"));
            }
        }
    }
    Cow::Borrowed(name)
}

/// The plain variant name of an enum variant: `$other` and `$raw` (the codec's
/// fallbacks for unknown content) become `other` and `raw`.
pub(crate) fn plain_variant(name: &str) -> &str {
    name.strip_prefix('$').unwrap_or(name)
}

/// The JSON keys of a struct's serde field names, in the same order.
///
/// Each name gets [`plain_key`]; when an attribute (`@y`) and another field of the
/// struct would share a key, the attribute keeps it and the other field's key takes
/// [`ELEMENT_SUFFIX`].
pub(crate) fn plain_keys<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let plain: Vec<(bool, Cow<'a, str>)> =
        names.map(|n| (n.starts_with('@'), plain_key(n))).collect();
    plain
        .iter()
        .map(|(is_attr, key)| {
            let clash = !*is_attr
                && plain
                    .iter()
                    .any(|(other_attr, other)| *other_attr && other == key);
            if clash {
                format!("{key}{ELEMENT_SUFFIX}")
            } else {
                key.clone().into_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain() {
        assert_eq!(plain_key("@type"), "type");
        assert_eq!(plain_key("$text"), TEXT_KEY);
        assert_eq!(plain_key("$extra"), EXTRA_KEY);
        assert_eq!(plain_key("$value"), CHILDREN_KEY);
        assert_eq!(plain_key("currentMemory"), "currentMemory");
        assert_eq!(
            plain_key(&format!("{{{}}}commandline", crate::namespaces::QEMU_NS)),
            "qemu:commandline"
        );
        assert_eq!(plain_key("{urn:x}y"), "{urn:x}y");
        assert_eq!(plain_variant("$other"), "other");
        assert_eq!(plain_variant("pci"), "pci");
    }

    #[test]
    fn an_element_gives_way_to_an_attribute_of_the_same_name() {
        let names = ["@model", "model", "@type", "$text", "@value"];
        let keys = plain_keys(names.iter().copied());
        assert_eq!(
            keys,
            ["model", "model_element", "type", "value_element", "value"]
        );
    }
}
