//! The whole app on a generated register of 25 risks on a 4-level scale whose every text
//! field holds markup, 10,000-character strings, right-to-left text and emoji: every page
//! visited, nothing from the data becomes an element, the text shows as text, the map has
//! 4 rows and columns and keeps its markers on them, and the simulation on the page
//! gives what the model gives natively for the same seed.

use super::*;
use risk_explorer::import::synthetic::{Synthetic, HOSTILE_MARKUP};
use risk_explorer::model::simulation::{SimRequest, SimSettings};
use risk_explorer::model::Dataset;
use risk_explorer::state::Page;

async fn mount_dataset(
    page: &str,
    ds: Dataset,
) -> (yew::AppHandle<risk_explorer::ui::App>, Element) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(page)
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = risk_explorer::ui::mount_with(root.clone(), ds);
    settle().await;
    (handle, root)
}

/// Nothing from the data became an element anywhere on the page (dialogs are portals
/// to the body, so the whole document is searched).
fn assert_nothing_injected(root: &Element, page: &str) {
    let doc = document();
    for sel in [
        "img[src=\"x\"]",
        "iframe",
        "[onerror]",
        "[onload]",
        "svg svg[onload]",
        "foreignObject",
    ] {
        let found = doc.query_selector_all(sel).unwrap().length();
        assert_eq!(found, 0, "{page}: {sel} found {found} times");
    }
    assert_eq!(
        root.query_selector_all("script").unwrap().length(),
        0,
        "{page}: a script inside the app"
    );
    // Exactly one root <svg> per drawing: a "</svg>" in the data closed none.
    let nested = root.query_selector_all("svg svg").unwrap().length();
    assert_eq!(nested, 0, "{page}: an svg inside an svg");
}

#[wasm_bindgen_test]
async fn a_hostile_25_risk_4_level_register_is_only_ever_text_on_every_page() {
    storage().clear().unwrap();
    js_sys::Reflect::set(
        &web_sys::window().unwrap(),
        &"RISK_EXPLORER_NO_WORKER".into(),
        &true.into(),
    )
    .unwrap();
    let ds = Synthetic::new(25, 4).hostile().dataset().unwrap();
    let (handle, root) = mount_dataset("#/register", ds.clone()).await;
    let mut pages: Vec<Page> = Page::ALL.to_vec();
    pages.push(Page::Pack);
    for page in pages {
        let hash = format!("#/{}", page.slug());
        go(&hash).await;
        settle().await;
        assert_nothing_injected(&root, &hash);
        let all = text(&root);
        assert!(!all.is_empty(), "{hash} shows something");
        if matches!(page, Page::Register | Page::Map) {
            assert!(
                all.contains(HOSTILE_MARKUP[0]) || all.contains(HOSTILE_MARKUP[1]),
                "{hash}: the hostile titles show as text"
            );
        }
    }

    // The map: 4 × 4 cells, 4 ticks a side, every risk's marker once.
    go("#/map").await;
    assert_eq!(
        root.query_selector_all(".heatmap .cell").unwrap().length(),
        16
    );
    assert_eq!(
        root.query_selector_all(".heatmap .marker")
            .unwrap()
            .length(),
        25
    );
    for r in &ds.risks {
        let sel = format!(".heatmap .marker[data-risk=\"{}\"]", r.id);
        assert_eq!(root.query_selector_all(&sel).unwrap().length(), 1, "{sel}");
    }
    assert!(root
        .query_selector(".heatmap .cell[data-l=\"5\"], .heatmap .cell[data-i=\"5\"]")
        .unwrap()
        .is_none());
    // A risk at the right-hand edge (likelihood 4 of 4) stays there on ArrowRight.
    if let Some(m) = root
        .query_selector(".heatmap .marker[data-l=\"4\"]")
        .unwrap()
    {
        let id = m.get_attribute("data-risk").unwrap();
        key(&m, "ArrowRight");
        settle().await;
        let after = q(&root, &format!(".heatmap .marker[data-risk=\"{id}\"]"));
        assert_eq!(after.get_attribute("data-l").as_deref(), Some("4"));
    }
    // A risk at the top (impact 4 of 4) stays there on ArrowUp.
    if let Some(m) = root
        .query_selector(".heatmap .marker[data-i=\"4\"]")
        .unwrap()
    {
        let id = m.get_attribute("data-risk").unwrap();
        key(&m, "ArrowUp");
        settle().await;
        let after = q(&root, &format!(".heatmap .marker[data-risk=\"{id}\"]"));
        assert_eq!(after.get_attribute("data-i").as_deref(), Some("4"));
    }
    // The appetite can be raised no further than 16.
    assert!(text(&root).contains("1 to 4"));
    assert_nothing_injected(&root, "#/map after moves");

    // The simulation on the page (no worker here) gives what the model gives natively.
    go("#/simulation").await;
    let view = q(&root, ".simulation-view");
    assert_eq!(view.get_attribute("data-mode").as_deref(), Some("page"));
    wait_for(&root, ".simulation-view[data-total-ms]", 120_000).await;
    wait_for(&root, "[data-figure=\"median\"] .figure-value", 10_000).await;
    let on_page = text(&q(&root, "[data-figure=\"median\"] .figure-value"));
    let native = SimRequest {
        settings: SimSettings::default(),
        ..SimRequest::default()
    }
    .run(&ds);
    assert_eq!(native.summary.risks.len(), 25);
    let figures = risk_explorer::report::simulation::figures(&ds, &native.summary);
    let median = figures
        .iter()
        .find(|f| f.id == "median")
        .expect("a median figure")
        .value_text();
    assert!(
        on_page.starts_with(&median),
        "page fallback {on_page} against native {median}"
    );
    assert_nothing_injected(&root, "#/simulation with results");
    handle.destroy();
    js_sys::Reflect::delete_property(
        &web_sys::window().unwrap().into(),
        &"RISK_EXPLORER_NO_WORKER".into(),
    )
    .unwrap();
}

#[wasm_bindgen_test]
async fn a_5_level_register_of_30_risks_has_5_rows_and_every_risk() {
    storage().clear().unwrap();
    let ds = Synthetic::new(30, 5).dataset().unwrap();
    let (handle, root) = mount_dataset("#/map", ds.clone()).await;
    assert_eq!(
        root.query_selector_all(".heatmap .cell").unwrap().length(),
        25
    );
    assert_eq!(
        root.query_selector_all(".heatmap .marker")
            .unwrap()
            .length(),
        30
    );
    go("#/register").await;
    for r in &ds.risks {
        assert!(text(&root).contains(&r.title), "{}", r.id);
    }
    handle.destroy();
}
