//! Element paths, XPath-style (`/domain/devices/disk[2]/driver/@discard`; see "Paths
//! and positions" in `docs/architecture.md`): how one step is written, for the writer,
//! the reader and the checks that name places; and how a path is followed back to the
//! node it names, in either tree.

use std::borrow::Cow;

/// `name`, with a 1-based `[n]` when it is the `index`-th (0-based) of `count`
/// same-named siblings and `count` is above one.
pub(crate) fn step(name: &str, index: usize, count: usize) -> String {
    if count > 1 {
        format!("{name}[{}]", index + 1)
    } else {
        name.to_owned()
    }
}

/// Append `/name` to `path`, with `[position]` (1-based) when there is one.
pub(crate) fn push_step(path: &mut String, name: &str, position: Option<usize>) {
    path.push('/');
    path.push_str(name);
    if let Some(n) = position {
        path.push('[');
        path.push_str(&n.to_string());
        path.push(']');
    }
}

/// A tree a path can be followed in: the owned [`Element`](crate::xml::Element) and
/// the reader's borrowed one.
pub(crate) trait PathTree {
    /// Where a node is.
    type At;
    /// The element's name as written (`prefix:local`).
    fn qualified(&self) -> Cow<'_, str>;
    /// Where the element is.
    fn at(&self) -> Self::At;
    /// Where its attribute named `qualified` is, if it has one.
    fn attribute_at(&self, qualified: &str) -> Option<Self::At>;
    /// Its `index`-th (0-based) child element named `qualified`.
    fn child(&self, qualified: &str, index: usize) -> Option<&Self>;
}

/// Where the node `path` names is, below and including `root`:
/// `/root/child[2]/leaf/@attr` (an element without an index is the first of its
/// name; names are qualified as written). `None` when there is no such node.
pub(crate) fn locate<T: PathTree>(root: &T, path: &str) -> Option<T::At> {
    let mut segments = path.strip_prefix('/')?.split('/');
    if segments.next()? != root.qualified() {
        return None;
    }
    let mut here = root;
    for segment in segments {
        if let Some(attr) = segment.strip_prefix('@') {
            return here.attribute_at(attr);
        }
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.strip_suffix(']')?.parse::<usize>().ok()?),
            None => (segment, 1),
        };
        here = here.child(name, index.checked_sub(1)?)?;
    }
    Some(here.at())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_carry_an_index_only_among_several() {
        assert_eq!(step("disk", 0, 1), "disk");
        assert_eq!(step("disk", 0, 2), "disk[1]");
        assert_eq!(step("disk", 1, 2), "disk[2]");
        let mut path = String::new();
        push_step(&mut path, "domain", None);
        push_step(&mut path, "disk", Some(3));
        assert_eq!(path, "/domain/disk[3]");
    }
}
