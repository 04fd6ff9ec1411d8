//! Unknown content in JSON: [`Extra`](crate::Extra) and
//! [`RawElement`](crate::RawElement) as plain objects.
//!
//! An element is `{"name", "prefix"?, "namespace"?, "attributes"?, "children"?}`,
//! an attribute `{"name", "prefix"?, "namespace"?, "value"}`, a child either an
//! element object or a string (text); `Extra` is `{"attributes"?, "children"?}`.
//! Absent keys are `None` or empty lists, as everywhere else.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Position};
use crate::xml::{with_stack, Attribute, Element, Name, Node, Text};

type Result<T> = std::result::Result<T, Error>;

/// What `Extra` carries through serde outside the XML codec (its `ExtraRepr`).
#[derive(Serialize, Deserialize)]
struct ExtraParts {
    attributes: Vec<Attribute>,
    nodes: Vec<Node>,
}

fn ser_error(message: String) -> Error {
    Error::Serialize {
        path: String::new(),
        message,
    }
}

/// `Extra`'s serde form as plain JSON; `Null` when it is empty.
pub(crate) fn plain_extra(repr: Value) -> Result<Value> {
    let parts: ExtraParts = serde_json::from_value(repr).map_err(|e| ser_error(e.to_string()))?;
    if parts.attributes.is_empty() && parts.nodes.is_empty() {
        return Ok(Value::Null);
    }
    let mut map = Map::new();
    put_list(
        &mut map,
        "attributes",
        parts.attributes.iter().map(attribute),
    );
    put_list(&mut map, "children", parts.nodes.iter().map(node));
    Ok(Value::Object(map))
}

/// `RawElement`'s serde form (an [`Element`]) as plain JSON.
pub(crate) fn plain_element(repr: Value) -> Result<Value> {
    let element: Element = serde_json::from_value(repr).map_err(|e| ser_error(e.to_string()))?;
    Ok(element_value(&element))
}

fn put_list(map: &mut Map<String, Value>, key: &str, items: impl Iterator<Item = Value>) {
    let items: Vec<Value> = items.collect();
    if !items.is_empty() {
        map.insert(key.to_owned(), Value::Array(items));
    }
}

fn put_name(map: &mut Map<String, Value>, name: &Name) {
    map.insert("name".to_owned(), Value::String(name.local.clone()));
    if let Some(prefix) = &name.prefix {
        map.insert("prefix".to_owned(), Value::String(prefix.clone()));
    }
    if let Some(namespace) = &name.namespace {
        map.insert("namespace".to_owned(), Value::String(namespace.clone()));
    }
}

fn attribute(a: &Attribute) -> Value {
    let mut map = Map::new();
    put_name(&mut map, &a.name);
    map.insert("value".to_owned(), Value::String(a.value.clone()));
    Value::Object(map)
}

fn node(n: &Node) -> Value {
    match n {
        // One level of an unknown element's nesting: see `with_stack`.
        Node::Element(e) => with_stack(|| element_value(e)),
        Node::Text(t) => Value::String(t.text.clone()),
    }
}

fn element_value(e: &Element) -> Value {
    let mut map = Map::new();
    put_name(&mut map, &e.name);
    put_list(&mut map, "attributes", e.attributes.iter().map(attribute));
    put_list(&mut map, "children", e.children.iter().map(node));
    Value::Object(map)
}

// ---------------------------------------------------------------------------------
// Reading

fn de_error(path: &str, message: impl Into<String>) -> Error {
    Error::Value {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Plain JSON of `Extra` back in `Extra`'s serde form.
pub(crate) fn extra_repr(value: Value, path: &str) -> Result<Value> {
    let mut map = object(value, path, "unknown content")?;
    let attributes = list(&mut map, "attributes", path, read_attribute)?;
    let nodes = list(&mut map, "children", path, read_node)?;
    refuse_rest(&map, path)?;
    serde_json::to_value(ExtraParts { attributes, nodes })
        .map_err(|e| de_error(path, e.to_string()))
}

/// Plain JSON of an element back in `RawElement`'s serde form.
pub(crate) fn element_repr(value: Value, path: &str) -> Result<Value> {
    let element = read_element(value, path)?;
    serde_json::to_value(element).map_err(|e| de_error(path, e.to_string()))
}

fn object(value: Value, path: &str, what: &str) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(de_error(
            path,
            format!("expected an object ({what}), found {}", kind(&other)),
        )),
    }
}

/// The JSON type of `value`, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn refuse_rest(map: &Map<String, Value>, path: &str) -> Result<()> {
    match map.keys().next() {
        Some(key) => Err(de_error(&format!("{path}/{key}"), "unknown key")),
        None => Ok(()),
    }
}

fn list<T>(
    map: &mut Map<String, Value>,
    key: &str,
    path: &str,
    read: fn(Value, &str) -> Result<T>,
) -> Result<Vec<T>> {
    let path = format!("{path}/{key}");
    match map.remove(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| read(item, &format!("{path}/{i}")))
            .collect(),
        Some(other) => Err(de_error(
            &path,
            format!("expected an array, found {}", kind(&other)),
        )),
    }
}

fn string(map: &mut Map<String, Value>, key: &str, path: &str) -> Result<Option<String>> {
    match map.remove(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(de_error(
            &format!("{path}/{key}"),
            format!("expected a string, found {}", kind(&other)),
        )),
    }
}

fn read_name(map: &mut Map<String, Value>, path: &str) -> Result<Name> {
    let local = string(map, "name", path)?.ok_or_else(|| de_error(path, "missing key \"name\""))?;
    Ok(Name {
        namespace: string(map, "namespace", path)?,
        prefix: string(map, "prefix", path)?,
        local,
    })
}

fn read_attribute(value: Value, path: &str) -> Result<Attribute> {
    let mut map = object(value, path, "an attribute")?;
    let name = read_name(&mut map, path)?;
    let value =
        string(&mut map, "value", path)?.ok_or_else(|| de_error(path, "missing key \"value\""))?;
    refuse_rest(&map, path)?;
    Ok(Attribute {
        name,
        value,
        position: Position::default(),
    })
}

fn read_node(value: Value, path: &str) -> Result<Node> {
    match value {
        Value::String(text) => Ok(Node::Text(Text {
            text,
            position: Position::default(),
        })),
        // One level of an unknown element's nesting: see `with_stack`.
        other => with_stack(|| read_element(other, path)).map(Node::Element),
    }
}

fn read_element(value: Value, path: &str) -> Result<Element> {
    let mut map = object(value, path, "an element")?;
    let name = read_name(&mut map, path)?;
    let attributes = list(&mut map, "attributes", path, read_attribute)?;
    let children = list(&mut map, "children", path, read_node)?;
    refuse_rest(&map, path)?;
    Ok(Element {
        name,
        attributes,
        children,
        position: Position::default(),
    })
}
