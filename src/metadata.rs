//! `<metadata>`: application data in other namespaces, kept as raw XML, with typed
//! access to the libosinfo operating system id that virt-install, virt-manager and
//! GNOME Boxes write there (formatdomain: "General metadata").

use serde::{Deserialize, Serialize};

use crate::xml::{Attribute, Element, Extra, Name, Node, RawElement};

/// The namespace URI of libosinfo's domain metadata, usually bound to `libosinfo`.
pub use crate::namespaces::LIBOSINFO_NS;

/// `<metadata>`: application data in other namespaces, kept as raw XML
/// (formatdomain: "General metadata").
///
/// ```
/// use libvirt_domain::Metadata;
/// let mut metadata = Metadata::default();
/// metadata.set_libosinfo_os_id("http://fedoraproject.org/fedora/41");
/// assert_eq!(metadata.libosinfo_os_id(), Some("http://fedoraproject.org/fedora/41"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// The child elements, each in its application's namespace.
    #[serde(rename = "$value")]
    pub items: Vec<RawElement>,
    /// Unknown attributes (and text) of `<metadata>`.
    #[serde(rename = "$extra")]
    pub extra: Extra,
}

fn is_libosinfo(name: &Name, local: &str) -> bool {
    name.namespace.as_deref() == Some(LIBOSINFO_NS) && name.local == local
}

fn libosinfo_name(local: &str) -> Name {
    Name {
        namespace: Some(LIBOSINFO_NS.to_owned()),
        prefix: Some("libosinfo".to_owned()),
        local: local.to_owned(),
    }
}

impl Metadata {
    /// The first `<libosinfo:libosinfo>` element.
    pub fn libosinfo(&self) -> Option<&Element> {
        self.items
            .iter()
            .map(|raw| &raw.element)
            .find(|e| is_libosinfo(&e.name, "libosinfo"))
    }

    /// The libosinfo id of the guest OS (`<libosinfo:libosinfo><libosinfo:os id=…/>`),
    /// e.g. `http://microsoft.com/win/11`.
    pub fn libosinfo_os_id(&self) -> Option<&str> {
        self.libosinfo()?
            .elements()
            .find(|e| is_libosinfo(&e.name, "os"))?
            .attributes
            .iter()
            .find(|a| a.name.namespace.is_none() && a.name.local == "id")
            .map(|a| a.value.as_str())
    }

    /// Set the libosinfo id of the guest OS, adding `<libosinfo:libosinfo>` and its
    /// `<libosinfo:os>` when missing; other content of the element is kept.
    pub fn set_libosinfo_os_id(&mut self, id: impl Into<String>) {
        let id = id.into();
        let index = match self
            .items
            .iter()
            .position(|raw| is_libosinfo(&raw.element.name, "libosinfo"))
        {
            Some(index) => index,
            None => {
                self.items.push(RawElement::new(Element {
                    name: libosinfo_name("libosinfo"),
                    ..Default::default()
                }));
                self.items.len() - 1
            }
        };
        let libosinfo = &mut self.items[index].element;
        let os = libosinfo.children.iter_mut().find_map(|n| match n {
            Node::Element(e) if is_libosinfo(&e.name, "os") => Some(e),
            _ => None,
        });
        let os = match os {
            Some(os) => os,
            None => {
                libosinfo.children.push(Node::Element(Element {
                    name: libosinfo_name("os"),
                    ..Default::default()
                }));
                match libosinfo.children.last_mut() {
                    Some(Node::Element(e)) => e,
                    _ => unreachable!("an element was just pushed"),
                }
            }
        };
        match os
            .attributes
            .iter_mut()
            .find(|a| a.name.namespace.is_none() && a.name.local == "id")
        {
            Some(attribute) => attribute.value = id,
            None => os.attributes.push(Attribute {
                name: Name::local("id"),
                value: id,
                position: Default::default(),
            }),
        }
    }

    /// Remove every `<libosinfo:libosinfo>` element; returns whether there was one.
    pub fn remove_libosinfo(&mut self) -> bool {
        let before = self.items.len();
        self.items
            .retain(|raw| !is_libosinfo(&raw.element.name, "libosinfo"));
        self.items.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Domain;

    const WIN11: &str = "http://microsoft.com/win/11";

    #[test]
    fn reads_the_os_id_whatever_the_prefix() {
        let text = format!(
            "<metadata>\n  <app:data xmlns:app='http://example.org/app'>x</app:data>\n  \
             <o:libosinfo xmlns:o='{LIBOSINFO_NS}'>\n    <o:os id='{WIN11}'/>\n  </o:libosinfo>\n\
             </metadata>"
        );
        let metadata = crate::codec::from_str::<Metadata>(&text, "metadata").unwrap();
        assert_eq!(metadata.libosinfo_os_id(), Some(WIN11));
        assert_eq!(metadata.items.len(), 2);
        // Not in the libosinfo namespace: not the os id.
        let text = "<metadata>\n  <libosinfo>\n    <os id='x'/>\n  </libosinfo>\n</metadata>";
        let metadata = crate::codec::from_str::<Metadata>(text, "metadata").unwrap();
        assert_eq!(metadata.libosinfo_os_id(), None);
    }

    #[test]
    fn setter_writes_libosinfos_layout() {
        let mut metadata = Metadata::default();
        metadata.set_libosinfo_os_id("http://fedoraproject.org/fedora/40");
        metadata.set_libosinfo_os_id(WIN11);
        let text = crate::codec::to_string(&metadata, "metadata").unwrap();
        assert_eq!(
            text,
            format!(
                "<metadata>\n  <libosinfo:libosinfo xmlns:libosinfo='{LIBOSINFO_NS}'>\n    \
                 <libosinfo:os id='{WIN11}'/>\n  </libosinfo:libosinfo>\n</metadata>"
            )
        );
        let back = crate::codec::from_str::<Metadata>(&text, "metadata").unwrap();
        assert_eq!(back, metadata);
        assert_eq!(back.libosinfo_os_id(), Some(WIN11));
        assert!(metadata.clone().remove_libosinfo());
        assert!(!Metadata::default().remove_libosinfo());
    }

    #[test]
    fn setter_keeps_other_content() {
        let text = format!(
            "<metadata>\n  <libosinfo:libosinfo xmlns:libosinfo='{LIBOSINFO_NS}'>\n    \
             <libosinfo:note>kept</libosinfo:note>\n  </libosinfo:libosinfo>\n</metadata>"
        );
        let mut metadata = crate::codec::from_str::<Metadata>(&text, "metadata").unwrap();
        metadata.set_libosinfo_os_id(WIN11);
        let back = crate::codec::to_string(&metadata, "metadata").unwrap();
        assert!(
            back.contains("<libosinfo:note>kept</libosinfo:note>"),
            "{back}"
        );
        assert!(
            back.contains(&format!("<libosinfo:os id='{WIN11}'/>")),
            "{back}"
        );
    }

    #[test]
    fn domain_shortcuts() {
        let mut domain = Domain::default();
        assert_eq!(domain.libosinfo_os_id(), None);
        domain.set_libosinfo_os_id(WIN11);
        assert_eq!(domain.libosinfo_os_id(), Some(WIN11));
        let back = Domain::from_xml(&domain.to_xml().unwrap()).unwrap();
        assert_eq!(back.libosinfo_os_id(), Some(WIN11));
    }
}
