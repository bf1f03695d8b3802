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
    compact(&responsive(&buf))
}

/// Shrinks plotters' SVG without changing the picture, because the browser parses and
/// lays out every element on every redraw: drops `opacity="1"` (the default), sets the
/// font family once on the root instead of on every `<text>`, and merges runs of
/// same-styled `<polyline>`s (hatching, gridlines) into one `<path>`.
pub fn compact(svg: &str) -> String {
    let font_attr = format!(" font-family=\"{FONT_FAMILY}\"");
    let svg = svg.replace(" opacity=\"1\"", "").replace(&font_attr, "");
    let svg = svg.replacen("<svg ", &format!("<svg{font_attr} "), 1);
    let mut out = String::with_capacity(svg.len());
    // The style of the run of polylines being merged, and its path data.
    let mut run: Option<(String, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(String, String)>| {
        if let Some((style, d)) = run.take() {
            out.push_str(&format!("<path{style} d=\"{}\"/>\n", d.trim_end()));
        }
    };
    for line in svg.lines() {
        match polyline_parts(line) {
            Some((style, points)) => {
                let segment = points_to_path(points);
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

/// "x1,y1 x2,y2 " → "M x1,y1 L x2,y2 ".
fn points_to_path(points: &str) -> String {
    let mut d = String::new();
    for (i, p) in points.split_whitespace().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(p);
        d.push(' ');
    }
    d
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
    use super::compact;

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
