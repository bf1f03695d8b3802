//! The well-formedness check every chart's tests run.

use super::*;

/// Well-formed enough for the view, for every chart's tests: one responsive root 640 wide,
/// no NaN or infinity anywhere, no broken money or percentage (plus `also_bad`), text at
/// least 12 px, table rows as wide as the headers, a title, caption and source, and an id
/// usable as an HTML id.
#[cfg(test)]
pub(crate) fn assert_clean(c: &Chart, also_bad: &[&str]) {
    let svg = &c.svg;
    assert!(
        svg.starts_with("<svg"),
        "{}: {}",
        c.id,
        &svg[..40.min(svg.len())]
    );
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.contains("viewBox=\"0 0 640 "), "{}: {open}", c.id);
    assert!(
        open.contains("width=\"100%\"") && !open.contains("height="),
        "{open}"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    for tag in svg.split('<').skip(1) {
        let attrs = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(!attrs.contains("inf"), "{}: infinity in <{attrs}>", c.id);
    }
    let words = format!("{} {} {:?} {}", c.title, c.caption, c.table, c.source);
    for bad in ["NaN", "£inf", "−£inf", "inf%", "£-"]
        .iter()
        .chain(also_bad)
    {
        assert!(!words.contains(bad), "{}: {bad} in {words}", c.id);
        assert!(!svg.contains(bad), "{}: {bad} in the SVG", c.id);
    }
    for size in svg.split("font-size=\"").skip(1) {
        let v: f64 = size[..size.find('"').unwrap()].parse().unwrap();
        assert!(v >= 12.0 - 1e-9, "{}: text at {v}px", c.id);
    }
    for row in &c.table.rows {
        assert_eq!(row.len(), c.table.headers.len(), "{}: {row:?}", c.id);
    }
    assert!(!c.title.is_empty() && !c.caption.is_empty() && !c.source.is_empty());
    assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
}

/// The value of attribute `name` in a tag's attribute text (`x="12"` → "12").
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = attrs.find(&key)? + key.len();
    let len = attrs[at..].find('"')?;
    Some(&attrs[at..at + len])
}

fn num(attrs: &str, name: &str) -> f64 {
    attr(attrs, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

/// A piece of text on the chart and the box its glyphs cover (from the capital height to
/// the baseline, widths estimated as the charts estimate them), in user units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextBox {
    pub text: String,
    pub size: f64,
    pub fill: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// Every unrotated `<text>` of an SVG with its box. Rotated text (axis titles up the side)
/// is left out.
pub(crate) fn text_boxes(svg: &str) -> Vec<TextBox> {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let Some(close) = part.find('>') else {
            continue;
        };
        let attrs = &part[..close];
        if attrs.contains("transform=") {
            continue;
        }
        let body = &part[close + 1..];
        let text = body[..body.find("</text>").unwrap_or(body.len())]
            .trim()
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'");
        let size = num(attrs, "font-size");
        let (x, y) = (num(attrs, "x"), num(attrs, "y"));
        let width = f64::from(approx_width(&text, size));
        let x0 = match attr(attrs, "text-anchor") {
            Some("end") => x - width,
            Some("middle") => x - width / 2.0,
            _ => x,
        };
        // Where the baseline sits for each `dy` plotters writes.
        let baseline = match attr(attrs, "dy") {
            Some("0.76em") => y + 0.76 * size,
            Some("0.5ex") => y + 0.25 * size,
            Some("-0.5ex") => y - 0.25 * size,
            _ => y,
        };
        out.push(TextBox {
            text,
            size,
            fill: attr(attrs, "fill").unwrap_or("").to_uppercase(),
            x0,
            y0: baseline - 0.7 * size,
            x1: x0 + width,
            y1: baseline,
        });
    }
    out
}

/// A straight stroke: from a `<line>`, or one step of a `<path>` or `<polyline>`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub a: (f64, f64),
    pub b: (f64, f64),
    pub stroke: String,
    pub width: f64,
}

fn point(p: &str) -> Option<(f64, f64)> {
    let (x, y) = p.trim().split_once(',')?;
    Some((x.trim().parse().ok()?, y.trim().parse().ok()?))
}

/// Every stroked straight segment of an SVG.
pub(crate) fn segments(svg: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for tag in svg.split('<').skip(1) {
        let attrs = &tag[..tag.find('>').unwrap_or(tag.len())];
        let Some(stroke) = attr(attrs, "stroke") else {
            continue;
        };
        if stroke == "none" {
            continue;
        }
        let stroke = stroke.to_uppercase();
        let width = attr(attrs, "stroke-width")
            .and_then(|w| w.parse().ok())
            .unwrap_or(1.0);
        let mut push = |a, b| {
            out.push(Segment {
                a,
                b,
                stroke: stroke.clone(),
                width,
            })
        };
        if attrs.starts_with("line") {
            push(
                (num(attrs, "x1"), num(attrs, "y1")),
                (num(attrs, "x2"), num(attrs, "y2")),
            );
        } else if attrs.starts_with("path") {
            let d = attr(attrs, "d").unwrap_or("");
            let mut last: Option<(f64, f64)> = None;
            for step in d.split_whitespace() {
                let (cmd, p) = step.split_at(1);
                let Some(p) = point(p) else {
                    last = None;
                    continue;
                };
                if cmd == "L" {
                    if let Some(a) = last {
                        push(a, p);
                    }
                }
                last = Some(p);
            }
        } else if attrs.starts_with("polyline") {
            let pts: Vec<(f64, f64)> = attr(attrs, "points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(point)
                .collect();
            for w in pts.windows(2) {
                push(w[0], w[1]);
            }
        }
    }
    out
}

/// The texts that a straight horizontal or vertical stroke runs through (a zero line, a
/// divider, an axis): (the text, the stroke). Grid lines, white strokes and short ticks are
/// left out; a text box is shrunk by one unit each side so a line that only touches it
/// passes.
pub(crate) fn struck_through(svg: &str) -> Vec<(String, Segment)> {
    let grid = hex(GRID);
    let boxes = text_boxes(svg);
    let mut out = Vec::new();
    for s in segments(svg) {
        if s.stroke == grid || s.stroke == "#FFFFFF" {
            continue;
        }
        let (dx, dy) = ((s.b.0 - s.a.0).abs(), (s.b.1 - s.a.1).abs());
        let vertical = dx < 0.5 && dy > 6.0;
        let horizontal = dy < 0.5 && dx > 6.0;
        if !(vertical || horizontal) {
            continue;
        }
        let half = s.width / 2.0;
        for t in &boxes {
            let (x0, x1, y0, y1) = (t.x0 + 1.0, t.x1 - 1.0, t.y0 + 1.0, t.y1 - 1.0);
            let hit = if vertical {
                let (lo, hi) = (s.a.1.min(s.b.1), s.a.1.max(s.b.1));
                s.a.0 + half > x0 && s.a.0 - half < x1 && hi > y0 && lo < y1
            } else {
                let (lo, hi) = (s.a.0.min(s.b.0), s.a.0.max(s.b.0));
                s.a.1 + half > y0 && s.a.1 - half < y1 && hi > x0 && lo < x1
            };
            if hit {
                out.push((t.text.clone(), s.clone()));
            }
        }
    }
    out
}

/// Every colour an SVG paints with (fills and strokes), as "#RRGGBB".
pub(crate) fn colours(svg: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for key in ["fill=\"#", "stroke=\"#"] {
        for part in svg.split(key).skip(1) {
            let hexes: String = part.chars().take(6).collect();
            out.insert(format!("#{}", hexes.to_uppercase()));
        }
    }
    out
}

/// The smallest `font-size` in an SVG, in its own units.
pub(crate) fn min_font(svg: &str) -> f64 {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|s| s[..s.find('"')?].parse::<f64>().ok())
        .fold(f64::INFINITY, f64::min)
}

/// The SVG's design width (its viewBox's width).
pub(crate) fn design_width(svg: &str) -> f64 {
    svg.split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split_whitespace().nth(2))
        .and_then(|w| w.parse().ok())
        .unwrap_or(0.0)
}
