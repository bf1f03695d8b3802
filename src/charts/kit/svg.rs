//! Drawing to an SVG string, and the steps that make plotters' SVG small and responsive.

use super::*;

/// Draws an SVG of `size` with `draw`, then makes it responsive. A drawing error (none is
/// expected for a string target) gives a small SVG that says so rather than a broken one.
/// The view labels the drawing (its wrapper has role="img" and the title).
pub fn render(size: (u32, u32), draw: impl FnOnce(&Root) -> DrawResult) -> String {
    let mut buf = String::new();
    let ok = {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|_| draw(&root))
            .and_then(|_| root.present())
            .is_ok()
    };
    if !ok {
        buf = format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <text x=\"16\" y=\"32\" font-family=\"{FONT_FAMILY}\" font-size=\"14\">This chart could not be drawn; the table has the numbers.</text>\n</svg>\n",
            w = size.0,
            h = size.1
        );
    }
    let svg = responsive(&buf);
    let out = compact(&svg);
    // Every chart drawn in the tests is held against the plain version of the same steps.
    #[cfg(test)]
    assert_eq!(
        out,
        compact_tests::reference(&svg),
        "compact changed the picture"
    );
    out
}

/// Shrinks plotters' SVG without changing the picture, because the browser parses and
/// lays out every element on every redraw: drops `opacity="1"` (the default), sets the
/// font family once on the root instead of on every `<text>`, and merges runs of
/// same-styled `<polyline>`s (hatching, gridlines) into one `<path>`.
pub fn compact(svg: &str) -> String {
    let font_attr = format!(" font-family=\"{FONT_FAMILY}\"");
    let svg = drop_attributes(svg, &[" opacity=\"1\"", &font_attr]);
    let mut out = String::with_capacity(svg.len() + font_attr.len());
    let mut root = false;
    // The style of the run of polylines being merged, and its path data.
    let mut run: Option<(&str, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(&str, String)>| {
        if let Some((style, d)) = run.take() {
            out.push_str("<path");
            out.push_str(style);
            out.push_str(" d=\"");
            out.push_str(d.trim_end());
            out.push_str("\"/>\n");
        }
    };
    for line in svg.lines() {
        match polyline_parts(line) {
            Some((style, points)) => match &mut run {
                Some((s, d)) if *s == style => push_path(d, points),
                _ => {
                    flush(&mut out, &mut run);
                    let mut d = String::new();
                    push_path(&mut d, points);
                    run = Some((style, d));
                }
            },
            None => {
                flush(&mut out, &mut run);
                // The font family once, on the root.
                match line.find("<svg ").filter(|_| !root) {
                    Some(at) => {
                        root = true;
                        out.push_str(&line[..at]);
                        out.push_str("<svg");
                        out.push_str(&font_attr);
                        out.push_str(&line[at + "<svg".len()..]);
                    }
                    None => out.push_str(line),
                }
                out.push('\n');
            }
        }
    }
    flush(&mut out, &mut run);
    out
}

/// `svg` without any of `attrs` (each written with its leading space), in one pass: they
/// are only looked for where a space starts one.
fn drop_attributes(svg: &str, attrs: &[&str]) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(' ') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match attrs.iter().find(|a| from.starts_with(**a)) {
            Some(a) => rest = &from[a.len()..],
            None => {
                out.push(' ');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<polyline STYLE points="P"/>` → (STYLE, P), for an unfilled polyline on one line.
fn polyline_parts(line: &str) -> Option<(&str, &str)> {
    let body = line.trim().strip_prefix("<polyline")?.strip_suffix("/>")?;
    let at = body.find(" points=\"")?;
    let (style, rest) = body.split_at(at);
    let points = rest
        .strip_prefix(" points=\"")?
        .trim_end()
        .strip_suffix('"')?;
    style.contains("fill=\"none\"").then_some((style, points))
}

/// Adds "x1,y1 x2,y2 " to path data as "Mx1,y1 Lx2,y2 ".
fn push_path(d: &mut String, points: &str) {
    for (i, p) in points.split_whitespace().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(p);
        d.push(' ');
    }
}

/// Makes the root `<svg>` scale with its container: keeps `viewBox`, drops the fixed
/// `width` and `height`, and sets `width="100%"` (the height follows the viewBox).
pub fn responsive(svg: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(len) = svg[start..].find('>') else {
        return svg.to_string();
    };
    let open = &svg[start..start + len];
    let mut attrs = String::new();
    let mut rest = &open["<svg".len()..];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        let value = &after[..close];
        if !matches!(name, "width" | "height") {
            attrs.push_str(&format!(" {name}=\"{value}\""));
        }
        rest = &after[close + 1..];
    }
    format!(
        "{}<svg{attrs} width=\"100%\"{}",
        &svg[..start],
        &svg[start + len..]
    )
}

#[cfg(test)]
mod compact_tests {
    use super::*;

    /// `compact` as first written, step by step: whole-text replacements, then the lines.
    pub(super) fn reference(svg: &str) -> String {
        let font_attr = format!(" font-family=\"{FONT_FAMILY}\"");
        let svg = svg.replace(" opacity=\"1\"", "").replace(&font_attr, "");
        let svg = svg.replacen("<svg ", &format!("<svg{font_attr} "), 1);
        let mut out = String::with_capacity(svg.len());
        let mut run: Option<(String, String)> = None;
        let flush = |out: &mut String, run: &mut Option<(String, String)>| {
            if let Some((style, d)) = run.take() {
                out.push_str(&format!("<path{style} d=\"{}\"/>\n", d.trim_end()));
            }
        };
        for line in svg.lines() {
            match polyline_parts(line) {
                Some((style, points)) => {
                    let mut segment = String::new();
                    push_path(&mut segment, points);
                    match &mut run {
                        Some((s, d)) if *s == style => d.push_str(&segment),
                        _ => {
                            flush(&mut out, &mut run);
                            run = Some((style.to_string(), segment));
                        }
                    }
                }
                None => {
                    flush(&mut out, &mut run);
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        flush(&mut out, &mut run);
        out
    }

    #[test]
    fn compact_is_its_reference_on_odd_input() {
        let font = format!(" font-family=\"{FONT_FAMILY}\"");
        for svg in [
            String::new(),
            " ".to_string(),
            "no root here opacity=\"1\" at all".to_string(),
            format!("<svg{font} opacity=\"1\" viewBox=\"0 0 1 1\">\n</svg>"),
            format!("  <svg  a=\"1\">{font}\n<svg b=\"2\">\n<text{font}>x  y</text>\n"),
            "<svg>\n<polyline fill=\"none\" points=\"1,1 \"/>\n<polyline fill=\"none\" points=\"2,2\"/>".to_string(),
            "a opacity=\"1\"opacity=\"1\" opacity=\"10\" opacity=\"1\"\r\nb".to_string(),
        ] {
            assert_eq!(compact(&svg), reference(&svg), "{svg:?}");
        }
    }

    #[test]
    fn merges_same_styled_polylines_and_drops_defaults() {
        let svg = "<svg viewBox=\"0 0 10 10\" width=\"100%\">\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#12436D\" stroke-width=\"1\" points=\"0,1 1,0 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#12436D\" stroke-width=\"1\" points=\"0,2 2,0 \"/>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#F46A25\" stroke-width=\"2\" points=\"0,3 3,0 4,4 \"/>\n\
            <text x=\"1\" font-family=\"system-ui, sans-serif\" opacity=\"1\">A</text>\n</svg>\n";
        let c = compact(svg);
        assert!(!c.contains("opacity=\"1\""));
        assert_eq!(c.matches("<path").count(), 2, "{c}");
        assert!(c.contains("d=\"M0,1 L1,0 M0,2 L2,0\""), "{c}");
        assert!(c.contains("d=\"M0,3 L3,0 L4,4\""), "{c}");
        assert!(
            c.starts_with("<svg font-family=\"system-ui, sans-serif\" viewBox"),
            "{c}"
        );
        assert!(c.contains("<text x=\"1\">A</text>"), "{c}");
    }
}
