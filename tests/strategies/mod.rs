//! proptest strategies for every modelled type, one file per model family.
//!
//! Conventions, so that a later model addition is a few lines:
//!
//! - A struct's strategy is written with [`structure!`], which lists one strategy per
//!   field and refuses to compile when a field is missing (it destructures the struct
//!   without `..`), so a field added to the model cannot be forgotten here.
//! - Scalars come from [`values`]: [`values::text`] for every `String` (drawn from
//!   `any::<char>()`, with whitespace-only, empty and markup characters on purpose),
//!   [`values::value_enum`] for every `value_enum!` type (known spellings and `Other`
//!   with a string that is not a known spelling), [`values::uint`] for `Uint` and
//!   [`values::hex_uint`] for `HexUint` in every written form that reads back the
//!   same, [`values::yes_no`] / [`values::on_off`]. `$text` strings next to child
//!   elements go through the filters in [`xml`] (`text_survives`, …).
//! - Unknown content comes from [`xml`]: [`xml::extra`] for every `extra: Extra`, or a
//!   narrower variant where the codec gives some content a meaning (next to `$text`,
//!   in a `$value` list). Those rules are explained in `xml.rs`.
//!
//! Values that cannot survive a round trip for a legitimate reason (XML cannot tell
//! them apart from another value) are not generated; each such constraint names its
//! reason where it is applied. Constraints that work around a codec bug say so.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use proptest::prelude::*;

/// Builds a strategy for the struct `$ty` from one strategy per field.
///
/// Every field must be listed: the generated pattern `let $ty { field: _, … } = value;`
/// has no `..`, so a field added to the model is a compile error until it gets a
/// strategy here. A struct with fields outside the public API (which no test can
/// set) is written `structure!(T { …, .. })` and skips that check.
macro_rules! structure {
    ($ty:ident { $($field:ident : $strategy:expr),* $(,)? }) => {{
        #[allow(dead_code)]
        fn every_field_is_listed(value: &$ty) {
            let $ty { $($field: _),* } = value;
        }
        structure!(@build $ty { $($field: $strategy),* })
    }};
    ($ty:ident { $($field:ident : $strategy:expr,)* .. }) => {
        structure!(@build $ty { $($field: $strategy),* })
    };
    (@build $ty:ident { $($field:ident : $strategy:expr),* }) => {{
        let setters: Vec<proptest::strategy::BoxedStrategy<$crate::strategies::Setter<$ty>>> = vec![
            $( $crate::strategies::setter($strategy, |target: &mut $ty, value| target.$field = value), )*
        ];
        $crate::strategies::compose(setters)
    }};
}

/// Like [`structure!`], but returns each field's strategy on its own, named, instead of
/// the struct: `Vec<(&'static str, BoxedStrategy<Setter<$ty>>)>`. The schema coverage
/// test samples a domain's parts one at a time with it; [`compose`] makes the struct.
macro_rules! fields {
    ($ty:ident { $($field:ident : $strategy:expr),* $(,)? }) => {{
        #[allow(dead_code)]
        fn every_field_is_listed(value: &$ty) {
            let $ty { $($field: _),* } = value;
        }
        let fields: Vec<(&'static str, proptest::strategy::BoxedStrategy<$crate::strategies::Setter<$ty>>)> = vec![
            $( (
                stringify!($field),
                $crate::strategies::setter($strategy, |target: &mut $ty, value| target.$field = value),
            ), )*
        ];
        fields
    }};
}

/// `value_enum(T::KNOWN, T::Other)`: a strategy for a `value_enum!` type.
macro_rules! value_enum {
    ($ty:ident) => {
        $crate::strategies::values::value_enum($ty::KNOWN, $ty::Other)
    };
}

pub mod backup;
pub mod caps;
pub mod checkpoint;
pub mod clock;
pub mod collect;
pub mod cpu;
pub mod devices;
pub mod domain;
pub mod events;
pub mod extensions;
pub mod features;
pub mod memory;
pub mod numa;
pub mod os;
pub mod qemu;
pub mod security;
pub mod snapshot;
pub mod sysinfo;
pub mod tuning;
pub mod values;
pub mod xml;

#[allow(unused_imports)] // not every test binary that includes this module calls it
pub use self::domain::domain;

/// Sets one field of a `T` (the value of one field's strategy in [`structure!`]).
pub struct Setter<T>(Rc<dyn Fn(&mut T)>);

impl<T> Setter<T> {
    /// Store the generated value in its field.
    pub fn apply(&self, target: &mut T) {
        (self.0)(target)
    }
}

impl<T> Clone for Setter<T> {
    fn clone(&self) -> Self {
        Setter(Rc::clone(&self.0))
    }
}

impl<T> fmt::Debug for Setter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Setter")
    }
}

/// The strategy of one field: a value from `strategy`, stored with `set`.
pub fn setter<T: 'static, V: Clone + fmt::Debug + 'static>(
    strategy: impl Strategy<Value = V> + 'static,
    set: fn(&mut T, V),
) -> BoxedStrategy<Setter<T>> {
    strategy
        .prop_map(move |value| {
            let apply: Rc<dyn Fn(&mut T)> =
                Rc::new(move |target: &mut T| set(target, value.clone()));
            Setter(apply)
        })
        .boxed()
}

/// A `T` from its default with every setter applied (the struct of [`structure!`]).
pub fn compose<T: Default + fmt::Debug + 'static>(
    setters: Vec<BoxedStrategy<Setter<T>>>,
) -> BoxedStrategy<T> {
    setters
        .prop_map(|setters| {
            let mut value = T::default();
            for setter in setters {
                setter.apply(&mut value);
            }
            value
        })
        .boxed()
}

/// `None` or a value (always a value under [`with_every_field`]).
pub fn opt<S>(strategy: S) -> BoxedStrategy<Option<S::Value>>
where
    S: Strategy + 'static,
{
    if every_field() {
        return strategy.prop_map(Some).boxed();
    }
    proptest::option::of(strategy).boxed()
}

/// [`opt`] for a field the model boxes (`Option<Box<T>>`).
pub fn opt_box<S>(strategy: S) -> BoxedStrategy<Option<Box<S::Value>>>
where
    S: Strategy + 'static,
{
    opt(strategy).prop_map(|value| value.map(Box::new)).boxed()
}

/// A list of 0 to 3 values (1 to 2 under [`with_every_field`]).
pub fn list<S>(strategy: S) -> BoxedStrategy<Vec<S::Value>>
where
    S: Strategy + 'static,
{
    let len = if every_field() { 1..=2 } else { 0..=3 };
    proptest::collection::vec(strategy, len).boxed()
}

thread_local! {
    /// Whether [`opt`] and [`list`] always produce a value; read when strategies are
    /// built (see [`with_every_field`]).
    static EVERY_FIELD: Cell<bool> = const { Cell::new(false) };
}

/// Build a strategy with `build` in which every optional field and list is set, so
/// each value exercises as much of the model as its enum variants allow (the schema
/// coverage test uses this; round-trip tests want the empty cases too).
#[allow(dead_code)] // not every test binary that includes this module calls it
pub fn with_every_field<T>(build: impl FnOnce() -> T) -> T {
    EVERY_FIELD.with(|c| c.set(true));
    let built = build();
    EVERY_FIELD.with(|c| c.set(false));
    built
}

fn every_field() -> bool {
    EVERY_FIELD.with(Cell::get)
}

thread_local! {
    /// Whether [`values::text`] may produce characters XML 1.0 cannot carry; read when
    /// strategies are built (see [`with_forbidden_chars`]).
    static FORBIDDEN_CHARS: Cell<bool> = const { Cell::new(false) };
}

/// Build a strategy with `build` whose strings may contain characters XML 1.0 forbids.
#[allow(dead_code)] // not every test binary that includes this module calls it
pub fn with_forbidden_chars<T>(build: impl FnOnce() -> T) -> T {
    FORBIDDEN_CHARS.with(|c| c.set(true));
    let built = build();
    FORBIDDEN_CHARS.with(|c| c.set(false));
    built
}

fn forbidden_chars_allowed() -> bool {
    FORBIDDEN_CHARS.with(Cell::get)
}
