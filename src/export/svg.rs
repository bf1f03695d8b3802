//! A chart's SVG made a file of its own: a fixed size (the page's copy is responsive), the
//! SVG namespace, the chart's title and caption for screen readers, and the scenario file
//! that made it in a `<metadata>` element, XML-escaped (so no text in a scenario's name
//! or note can end the element or become markup). [`read_scenario`] finds it again.

/// The `id` of the metadata element that holds the scenario file.
pub const METADATA_ID: &str = "risk-explorer-scenario";

/// Text made safe inside an XML element or attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and line breaks are not allowed in XML.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The drawing size from the SVG's `viewBox` (640×360 when it has none).
fn view_size(open: &str) -> (f64, f64) {
    attribute(open, "viewBox")
        .and_then(|v| {
            let n: Vec<f64> = v
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2], n[3]))
        })
        .unwrap_or((
            crate::charts::kit::WIDTH as f64,
            crate::charts::kit::HEIGHT as f64,
        ))
}

fn attribute<'a>(open: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = open.find(&key)? + key.len();
    let len = open[at..].find('"')?;
    Some(&open[at..at + len])
}

/// The standalone SVG file: `svg` (a chart's SVG) at its drawing size times `scale`,
/// titled, with the scenario file `scenario` in its metadata. Returns the input unchanged
/// (but for a prolog) if it has no `<svg` element.
pub fn standalone(svg: &str, title: &str, caption: &str, scenario: &str, scale: f64) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(len) = svg[start..].find('>') else {
        return svg.to_string();
    };
    let open = &svg[start..start + len];
    let self_closing = open.ends_with('/');
    let (w, h) = view_size(open);
    let mut attrs = String::new();
    let mut rest = &open["<svg".len()..];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        if !matches!(name, "width" | "height" | "xmlns" | "role" | "aria-label") {
            attrs.push_str(&format!(" {name}=\"{}\"", &after[..close]));
        }
        rest = &after[close + 1..];
    }
    if attribute(open, "viewBox").is_none() {
        attrs.push_str(&format!(" viewBox=\"0 0 {w} {h}\""));
    }
    let head = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"{attrs} width=\"{}\" height=\"{}\" role=\"img\">\n<title>{}</title>\n<desc>{}</desc>\n<metadata id=\"{METADATA_ID}\">{}</metadata>\n",
        w * scale,
        h * scale,
        escape(title),
        escape(caption),
        escape(scenario),
    );
    let body = &svg[start + len + 1..];
    if self_closing {
        format!("{head}</svg>\n")
    } else {
        format!("{head}{}", body.trim_start_matches('\n'))
    }
}

/// The scenario file text an exported SVG carries, if any.
pub fn read_scenario(svg: &str) -> Option<String> {
    let key = format!("<metadata id=\"{METADATA_ID}\">");
    let at = svg.find(&key)? + key.len();
    let len = svg[at..].find("</metadata>")?;
    let text = svg[at..at + len].trim();
    let text = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .map(str::to_string)
        .unwrap_or_else(|| unescape(text));
    (!text.is_empty()).then_some(text)
}
