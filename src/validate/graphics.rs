//! Graphics and video rules (formatdomain: "Graphical framebuffers", "Video
//! devices").

use super::{Checker, Rule};
use crate::devices::{Device, Graphics, GraphicsType, VideoModelType};
use crate::values::YesNo;

pub(super) const RULES: &[Rule] = &[
    egl_headless_companions,
    one_opengl_display,
    one_primary_video,
    video_none_alone,
    one_display_per_type,
    listen_matches_first_address,
];

fn graphics<'a>(c: &Checker<'a>) -> Vec<(usize, &'a Graphics)> {
    c.each()
        .filter_map(|(i, d)| match d {
            Device::Graphics(g) => Some((i, &**g)),
            _ => None,
        })
        .collect()
}

/// `egl-headless` renders for a VNC or SPICE display only (QEMU driver: "graphics type
/// 'egl-headless' is only supported with one of: 'vnc', 'spice' graphics types").
fn egl_headless_companions(c: &mut Checker<'_>) {
    let all = graphics(c);
    if !c.qemu()
        || !all
            .iter()
            .any(|(_, g)| g.kind == Some(GraphicsType::EglHeadless))
    {
        return;
    }
    for (i, g) in all {
        let Some(kind) = &g.kind else { continue };
        if !matches!(
            kind,
            GraphicsType::EglHeadless | GraphicsType::Vnc | GraphicsType::Spice
        ) {
            c.error(
                format!("{}/@type", c.path(i)),
                format!("'{kind}' cannot be combined with egl-headless, which serves VNC or SPICE"),
            );
        }
    }
}

/// At most one display renders with OpenGL: `egl-headless`, or a display with `<gl
/// enable='yes'>` (QEMU driver: "multiple OpenGL displays are not supported by QEMU").
fn one_opengl_display(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    let gl: Vec<usize> = graphics(c)
        .into_iter()
        .filter(|(_, g)| {
            g.kind == Some(GraphicsType::EglHeadless)
                || g.gl
                    .as_ref()
                    .is_some_and(|gl| gl.enable == Some(YesNo::Yes))
        })
        .map(|(i, _)| i)
        .collect();
    for i in gl.iter().skip(1) {
        c.error(
            c.path(*i),
            format!(
                "a second OpenGL display (the first is {}); QEMU renders one",
                c.path(gl[0])
            ),
        );
    }
}

/// At most one video is primary (libvirt: "Only one primary video device is
/// supported").
fn one_primary_video(c: &mut Checker<'_>) {
    let primary: Vec<usize> = c
        .each()
        .filter(|(_, d)| match d {
            Device::Video(v) => v
                .model
                .as_ref()
                .is_some_and(|m| m.primary == Some(YesNo::Yes)),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    for i in primary.iter().skip(1) {
        c.error(
            format!("{}/model/@primary", c.path(*i)),
            format!(
                "a second primary video (first: {}); libvirt supports one",
                c.path(primary[0])
            ),
        );
    }
}

/// `<model type='none'>` is the only video when used (libvirt: "a 'none' video type
/// must be the only video device defined for the domain").
fn video_none_alone(c: &mut Checker<'_>) {
    let videos: Vec<(usize, bool)> = c
        .each()
        .filter_map(|(i, d)| match d {
            Device::Video(v) => Some((
                i,
                v.model.as_ref().and_then(|m| m.kind.as_ref()) == Some(&VideoModelType::None),
            )),
            _ => None,
        })
        .collect();
    if videos.len() < 2 {
        return;
    }
    for (i, none) in videos {
        if none {
            c.error(
                format!("{}/model/@type", c.path(i)),
                "'none' must be the only video; remove it or the other videos",
            );
        }
    }
}

/// At most one SDL, VNC, SPICE and D-Bus display each (QEMU driver: "only 1 graphics
/// device of each type (sdl, vnc, spice, dbus) is supported").
fn one_display_per_type(c: &mut Checker<'_>) {
    if !c.qemu() {
        return;
    }
    let mut seen: Vec<(GraphicsType, usize)> = Vec::new();
    let mut wrong = Vec::new();
    for (i, g) in graphics(c) {
        let Some(kind) = g.kind.clone() else { continue };
        if !matches!(
            kind,
            GraphicsType::Sdl | GraphicsType::Vnc | GraphicsType::Spice | GraphicsType::Dbus
        ) {
            continue;
        }
        match seen.iter().find(|(k, _)| *k == kind) {
            Some((_, first)) => wrong.push((i, kind, *first)),
            None => seen.push((kind, i)),
        }
    }
    for (i, kind, first) in wrong {
        c.error(
            c.path(i),
            format!(
                "a second '{kind}' display (first: {}); QEMU has one of each",
                c.path(first)
            ),
        );
    }
}

/// A display's `listen` attribute repeats its first `<listen type='address'>` (libvirt:
/// "graphics 'listen' attribute '…' must match 'address' attribute of first listen
/// element").
fn listen_matches_first_address(c: &mut Checker<'_>) {
    let mut wrong = Vec::new();
    for (i, g) in graphics(c) {
        let (Some(listen), Some(first)) = (&g.listen, g.listens.first()) else {
            continue;
        };
        let address = first.kind.as_ref().is_some_and(|k| k.as_str() == "address");
        if let Some(found) = first.address.as_ref().filter(|a| address && *a != listen) {
            wrong.push((i, listen.clone(), found.clone()));
        }
    }
    for (i, listen, found) in wrong {
        c.error(
            format!("{}/@listen", c.path(i)),
            format!(
                "{listen:?} differs from the first <listen address> ({found:?}); make them equal"
            ),
        );
    }
}
