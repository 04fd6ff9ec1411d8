//! Element paths, XPath-style (`/domain/devices/disk[2]/driver/@discard`; see "Paths
//! and positions" in `docs/architecture.md`): how one step is written, for the writer,
//! the reader and the checks that name places.

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
