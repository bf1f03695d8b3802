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
