//! The codec's special serde names, in one place (their meaning is in
//! `docs/architecture.md`, "Pipeline"). Model types spell them in `#[serde(rename)]`
//! attributes, which need literals; the codec and the JSON format use these constants.

/// Field that receives a struct's unknown attributes and children (an `Extra`).
pub(crate) const EXTRA_FIELD: &str = "$extra";
/// Field that holds every child element no named field takes, in order, each read as
/// an enum variant named after the element.
pub(crate) const VALUE_FIELD: &str = "$value";
/// Field that holds the element's text.
pub(crate) const TEXT_FIELD: &str = "$text";
/// Variant of a `$value` enum that receives an element the enum does not know (a
/// `RawElement`).
pub(crate) const RAW_VARIANT: &str = "$raw";
/// Variant of a tagged enum that receives a tag value it does not know.
pub(crate) const OTHER_VARIANT: &str = "$other";
/// The variant of an `@attr` enum that receives an element without the attribute.
pub(crate) const NONE_VARIANT: &str = "$none";
/// Prefix of an enum name whose tag is an attribute of the *parent* element:
/// `^@type` reads `type` of the element that holds the field, `^@type=file` also
/// names the variant to use when the parent has no such attribute.
pub(crate) const PARENT_TAG: &str = "^@";

/// Newtype name under which an `Extra` hands its content to the serializer.
pub(crate) const EXTRA_TOKEN: &str = "$libvirt_domain::Extra";
/// Newtype name of an `Extra` with nothing in it: the same shape, which the XML
/// writer skips without looking (every model struct has one, most are empty).
pub(crate) const EMPTY_EXTRA_TOKEN: &str = "$libvirt_domain::EmptyExtra";
/// Newtype name under which a `RawElement` hands its content to the serializer.
pub(crate) const RAW_TOKEN: &str = "$libvirt_domain::RawElement";
/// Newtype name under which a value of a closed set that the model does not know is
/// written: the crate's serializer writes the string and reports it as unmodelled;
/// other serde formats see the plain string.
pub(crate) const UNKNOWN_VALUE_TOKEN: &str = "$libvirt_domain::UnknownValue";
