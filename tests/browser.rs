//! Browser tests (wasm-bindgen-test in headless Chromium): mount the real app, act on it
//! as a person would through DOM events, and check that the register, the map and the
//! saved state agree.
#![cfg(target_arch = "wasm32")]

use gloo::timers::future::TimeoutFuture;
use risk_explorer::share::saved::{SET_ASIDE_PREFIX, WORKING_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A fresh app in its own element, on the given page, with storage as given.
async fn mount(page: &str) -> (yew::AppHandle<risk_explorer::ui::App>, Element) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(page)
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = risk_explorer::ui::mount(root.clone());
    settle().await;
    (handle, root)
}

/// Goes to a page of the mounted app, as a link would, and lets it draw.
async fn go(page: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(page)
        .unwrap();
    settle().await;
}

/// Yew renders asynchronously: give it a few turns, and a view that draws its parts
/// over several tasks (marked `aria-busy`) the time to finish (at most two seconds).
async fn settle() {
    for _ in 0..4 {
        TimeoutFuture::new(20).await;
    }
    for _ in 0..100 {
        if document()
            .query_selector("[aria-busy='true']")
            .unwrap()
            .is_none()
        {
            break;
        }
        TimeoutFuture::new(20).await;
    }
}

fn q(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {sel}"))
}

fn type_into(input: &Element, text: &str) {
    let input: HtmlInputElement = input.clone().dyn_into().unwrap();
    input.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn changing_a_rating_in_the_register_moves_it_on_the_map() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/register").await;

    // R3's current rating: set likelihood 2 and impact 3 by typing into the number boxes.
    type_into(&q(&root, "#R3-current-l"), "2");
    settle().await;
    type_into(&q(&root, "#R3-current-i"), "3");
    settle().await;
    let result = q(&root, "[data-risk='R3'][data-kind='current'] .result");
    assert_eq!(result.get_attribute("data-score").as_deref(), Some("6"));
    let overview = q(
        &root,
        "table.overview tr[data-risk='R3'] td[data-kind='current']",
    );
    assert!(
        text(&overview).contains('6'),
        "overview shows 6: {}",
        text(&overview)
    );
    assert!(text(&q(&root, ".status-bar")).contains("1 setting differs"));

    // The map agrees.
    go("#/map").await;
    let marker = q(&root, "g.marker[data-risk='R3']");
    assert_eq!(marker.get_attribute("data-l").as_deref(), Some("2"));
    assert_eq!(marker.get_attribute("data-i").as_deref(), Some("3"));
    assert!(marker
        .get_attribute("aria-label")
        .unwrap()
        .contains("score 6, Medium"));

    // And the change was autosaved.
    let saved = storage().get_item(WORKING_KEY).unwrap().expect("autosaved");
    assert!(saved.contains("\"R3\""), "{saved}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_a_risk_and_undo_puts_it_back() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/map").await;
    let before = q(&root, "g.marker[data-risk='R1']");
    let l0: u8 = before.get_attribute("data-l").unwrap().parse().unwrap();
    let i0: u8 = before.get_attribute("data-i").unwrap().parse().unwrap();
    // Risks in the top band at current ratings ("2 risks"), from the map's summary.
    let very_high = |root: &Element| -> u32 {
        text(&q(root, ".band-count[data-band='Very high'] .count-now"))
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap()
    };
    let top0 = very_high(&root);

    key(&before, "ArrowUp");
    settle().await;
    let after = q(&root, "g.marker[data-risk='R1']");
    let i1: u8 = after.get_attribute("data-i").unwrap().parse().unwrap();
    assert_eq!(i1, (i0 + 1).min(5));
    let entered = u32::from(l0 * i0 < 15 && l0 * i1 >= 15);
    assert_eq!(
        very_high(&root),
        top0 + entered,
        "the band counts follow the move"
    );
    // Selected, so its detail shows with the same score.
    let detail = q(&root, ".detail[data-risk='R1']");
    assert!(text(&detail).contains(&format!("{}", l0 * i1)));

    // Undo from the toolbar.
    let undo: HtmlElement = q(&root, ".toolbar button").dyn_into().unwrap();
    undo.click();
    settle().await;
    let back = q(&root, "g.marker[data-risk='R1']");
    assert_eq!(
        back.get_attribute("data-i").unwrap().parse::<u8>().unwrap(),
        i0
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn ctrl_z_is_handled_by_the_app_not_the_browser() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/map").await;
    key(&q(&root, "g.marker[data-risk='R5']"), "ArrowRight");
    settle().await;
    assert!(text(&q(&root, ".status-bar")).contains("1 setting differs"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("z");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&ev).unwrap();
    // A passive listener could not cancel it, and the browser would undo too.
    assert!(
        ev.default_prevented(),
        "the shortcut listener must not be passive"
    );
    settle().await;
    assert!(text(&q(&root, ".status-bar")).contains("All settings are the defaults"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_bad_typed_level_is_explained_and_changes_nothing() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/register").await;
    let score_before =
        q(&root, "[data-risk='R2'][data-kind='inherent'] .result").get_attribute("data-score");
    type_into(&q(&root, "#R2-inherent-l"), "9");
    settle().await;
    let err = q(&root, ".field-error");
    assert!(text(&err).contains("1 to 5"), "{}", text(&err));
    assert_eq!(
        q(&root, "#R2-inherent-l")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        q(&root, "[data-risk='R2'][data-kind='inherent'] .result").get_attribute("data-score"),
        score_before
    );
    assert!(text(&q(&root, ".status-bar")).contains("All settings are the defaults"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_damaged_save_is_set_aside_with_a_message() {
    storage().clear().unwrap();
    storage()
        .set_item(WORKING_KEY, "{\"app\":\"risk-explorer\",\"vers")
        .unwrap();
    let (handle, root) = mount("#/register").await;
    let notice = q(&root, ".notice");
    assert!(
        text(&notice).contains("could not be restored"),
        "{}",
        text(&notice)
    );
    let store = storage();
    let mut kept = false;
    for i in 0..store.length().unwrap() {
        if store
            .key(i)
            .unwrap()
            .unwrap_or_default()
            .starts_with(SET_ASIDE_PREFIX)
        {
            kept = true;
        }
    }
    assert!(kept, "the damaged save is kept, not dropped");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn user_text_is_never_markup() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/register").await;
    type_into(
        &q(&root, "#owner-R4"),
        "<img src=x onerror=alert(1)>Director",
    );
    settle().await;
    assert!(root.query_selector("img").unwrap().is_none());
    let row = q(&root, "table.overview tr[data-risk='R4']");
    assert!(text(&row).contains("<img src=x"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_risk_cards_closed_sections_are_filled_on_opening_or_printing() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/register").await;
    // Just opened: only the summaries are in the page. R9's sections are the last to be
    // filled in on their own (after 250 ms and 25 ms for each of the 17 before them).
    let why = q(&root, "#risk-R9 details.why-rating");
    let evidence = q(&root, "#risk-R9 details.controls-evidence");
    assert_eq!(why.children().length(), 1, "only the summary");
    assert!(root.query_selector("#risk-R9 .why-list").unwrap().is_none());
    // Opening one fills it in, with its reasoning and citations; the other stays empty.
    why.set_attribute("open", "").unwrap();
    why.dispatch_event(&web_sys::Event::new("toggle").unwrap())
        .unwrap();
    settle().await;
    assert!(text(&q(&root, "#risk-R9 .why-list")).contains("Current"));
    assert!(why.query_selector("cite").unwrap().is_some());
    assert_eq!(evidence.children().length(), 1);
    // Printing shows every section (the print style opens them): all are filled first.
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("beforeprint").unwrap())
        .unwrap();
    settle().await;
    assert!(text(&q(&root, "#risk-R9 ul.evidence")).len() > 20);
    // Closed again, the content stays.
    why.remove_attribute("open").unwrap();
    why.dispatch_event(&web_sys::Event::new("toggle").unwrap())
        .unwrap();
    settle().await;
    assert!(root.query_selector("#risk-R9 .why-list").unwrap().is_some());
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_risk_cards_closed_sections_are_all_filled_soon_after_the_view_opens() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/register").await;
    let filled = |root: &Element| {
        root.query_selector_all("article.risk-card details[data-filled='true']")
            .unwrap()
            .length()
    };
    assert!(filled(&root) < 18, "not all with the view itself");
    // Every card's two sections, for find-in-page and printing, without opening them,
    // within a second or two (each a short task of its own).
    for _ in 0..150 {
        if filled(&root) == 18 {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    let cards = root
        .query_selector_all("article.risk-card")
        .unwrap()
        .length();
    assert_eq!(cards, 9);
    assert_eq!(filled(&root), cards * 2);
    assert!(text(&q(&root, "#risk-R1 ul.evidence")).len() > 20);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_register_opens_with_its_first_card_and_adds_the_rest_a_few_a_task() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/about").await;
    // Counted in a hashchange listener added after the app's: the app has drawn the
    // register in that same task (yew draws in a microtask after the app's listener).
    let counted = std::rc::Rc::new(std::cell::Cell::new(None));
    let listener = {
        let counted = counted.clone();
        let root = root.clone();
        gloo::events::EventListener::new(&web_sys::window().unwrap(), "hashchange", move |_| {
            let cards = root
                .query_selector_all("article.risk-card")
                .unwrap()
                .length();
            let heading = root
                .query_selector("section.register[aria-busy='true'] h1")
                .unwrap()
                .is_some();
            counted.set(Some((heading, cards)));
        })
    };
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/register")
        .unwrap();
    // The cards counted task by task as the rest arrive.
    let mut seen = Vec::new();
    for _ in 0..60 {
        TimeoutFuture::new(0).await;
        let n = root
            .query_selector_all("article.risk-card")
            .unwrap()
            .length();
        if seen.last() != Some(&n) {
            seen.push(n);
        }
    }
    settle().await;
    drop(listener);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]) && seen.len() >= 3 && seen.last() == Some(&9),
        "the cards arrive a few at a time in later tasks: {seen:?}"
    );
    assert_eq!(
        counted.get(),
        Some((true, 1)),
        "the view (marked busy), its overview and its first card in the opening task"
    );
    assert!(
        root.query_selector("section.register[aria-busy='false']")
            .unwrap()
            .is_some(),
        "no longer busy once every card is in"
    );
    let cards = root.query_selector_all("article.risk-card").unwrap();
    assert_eq!(cards.length(), 9, "the other eight soon after, two a task");
    let ids: Vec<String> = (0..cards.length())
        .map(|i| {
            cards
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("data-risk")
                .unwrap()
        })
        .collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"]);
    handle.destroy();
}

fn five_year_gap(root: &Element) -> f64 {
    q(root, "[data-figure='five-year-gap']")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_driver_change_redraws_every_chart_and_figure() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/drivers").await;
    assert!(text(&q(&root, "[data-figure='check']"))
        .contains("£338.9m, reproduces the published table (by calibration)"));
    let charts = root
        .query_selector_all("section.chart-card .chart-svg svg")
        .unwrap();
    assert_eq!(charts.length(), 7, "seven charts render as SVG");
    let gap0 = five_year_gap(&root);
    let title0 = text(&q(&root, "[data-chart='spend-funding'] h2"));
    type_into(&q(&root, "#driver-placement_inflation"), "8");
    settle().await;
    let gap1 = five_year_gap(&root);
    assert!(
        gap1 > gap0,
        "dearer placements widen the gap: {gap0} → {gap1}"
    );
    assert_ne!(text(&q(&root, "[data-chart='spend-funding'] h2")), title0);
    // The check now says how far 2025/26 is from the published table (it is not:
    // inflation starts in 2026/27).
    assert!(text(&q(&root, "[data-figure='check']")).contains("reproduces the published table"));
    handle.destroy();
}

/// The charts whose drawing is older than their numbers, with how far below the top of the
/// screen each one starts, in px.
fn waiting_charts(root: &Element) -> Vec<(String, f64)> {
    let cards = root
        .query_selector_all(".chart-card[data-waiting]")
        .unwrap();
    (0..cards.length())
        .filter_map(|i| cards.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|c| {
            let id = c.get_attribute("data-chart").unwrap_or_default();
            (id, c.get_bounding_client_rect().top())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_driver_change_redraws_the_charts_near_the_screen_and_the_rest_before_printing() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/drivers").await;
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    settle().await;
    let screen = web_sys::window()
        .unwrap()
        .inner_height()
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(waiting_charts(&root).is_empty());
    let titles = |root: &Element| text(&q(root, ".chart-grid"));
    let before = titles(&root);
    type_into(&q(&root, "#driver-placement_inflation"), "9");
    settle().await;
    // Every heading has the new numbers; only charts out of sight keep their drawing.
    assert_ne!(titles(&root), before);
    let waiting = waiting_charts(&root);
    assert!(
        !waiting.is_empty(),
        "the charts at the foot of the page wait"
    );
    for (id, top) in &waiting {
        assert!(
            *top > screen * 1.5,
            "{id} waits though it starts {top}px down a {screen}px screen"
        );
    }
    // Printing draws every chart first.
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("beforeprint").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(waiting_charts(&root), vec![]);
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("afterprint").unwrap())
        .unwrap();
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_bad_driver_value_is_explained_and_ignored() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/drivers").await;
    let gap0 = five_year_gap(&root);
    type_into(&q(&root, "#driver-cic_growth"), "99");
    settle().await;
    let err = q(&root, ".driver[data-key='cic_growth'] .field-error");
    assert!(text(&err).contains("outside the range"), "{}", text(&err));
    assert_eq!(five_year_gap(&root), gap0);
    assert!(text(&q(&root, ".status-bar")).contains("All settings are the defaults"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn choosing_risks_shows_alone_together_and_the_excess() {
    storage().clear().unwrap();
    let (handle, root) = mount("#/scenarios").await;
    assert!(text(&q(&root, "main h1")).contains("Choose risks"));
    for id in ["R2", "R3"] {
        let cb: HtmlElement = q(&root, &format!("#stress-{id}")).dyn_into().unwrap();
        cb.click();
        settle().await;
    }
    assert_eq!(
        root.query_selector_all(".risk-choice.chosen")
            .unwrap()
            .length(),
        2
    );
    let excess: f64 = q(&root, "[data-figure='excess']")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert!(excess.is_finite());
    assert!(text(&q(&root, "main h1")).contains("Together these 2 risks"));
    let charts = root
        .query_selector_all("section.chart-card .chart-svg svg")
        .unwrap();
    assert_eq!(charts.length(), 3);
    assert!(text(&q(&root, ".status-bar")).contains("2 settings differ"));
    handle.destroy();
}

/// Waits (up to `ms`) for a selector to match.
async fn wait_for(root: &Element, sel: &str, ms: u32) -> Element {
    for _ in 0..ms / 25 {
        if let Some(el) = root.query_selector(sel).unwrap() {
            return el;
        }
        TimeoutFuture::new(25).await;
    }
    panic!("{sel} did not appear within {ms} ms")
}

#[wasm_bindgen_test]
async fn the_simulation_runs_in_slices_on_the_page_and_renders_its_results() {
    storage().clear().unwrap();
    // No worker here (the test runner serves no worker script): the page runs it itself.
    js_sys::Reflect::set(
        &web_sys::window().unwrap(),
        &"RISK_EXPLORER_NO_WORKER".into(),
        &true.into(),
    )
    .unwrap();
    let (app, root) = mount("#/simulation").await;
    let view = q(&root, ".simulation-view");
    assert_eq!(view.get_attribute("data-mode").as_deref(), Some("page"));
    // Progress is shown while it runs, and the results arrive with every chart.
    wait_for(&root, ".simulation-view[data-trials=\"10000\"]", 30_000).await;
    wait_for(&root, ".simulation-view[data-total-ms]", 60_000).await;
    // The charts follow the figures a few tasks later.
    settle().await;
    assert!(text(&q(&root, "h1")).starts_with(
        "Chance that the net outturn passes £8.2m (2.5% of the 2025/26 contract sum of £329.8m)"
    ));
    for id in [
        "sim-same-year",
        "sim-fan",
        "sim-thresholds",
        "sim-exceedance",
        "sim-tornado",
        "sim-ratings",
        "sim-network",
    ] {
        let card = q(&root, &format!("[data-chart=\"{id}\"]"));
        assert!(
            card.query_selector("svg").unwrap().is_some(),
            "{id} has a chart"
        );
    }
    let median = text(&q(&root, "[data-figure=\"median\"] .figure-value"));
    assert!(median.contains('£'), "{median}");
    // The same seed and settings give the same numbers: change the seed and back.
    let seed = q(&root, "#sim-seed");
    type_into(&seed, "7");
    // A single change re-runs at once, not after the pause that a slider being dragged
    // waits for (350 ms): the run is under way within a few turns of the event loop.
    let mut started = false;
    for _ in 0..10 {
        TimeoutFuture::new(10).await;
        if root
            .query_selector(".simulation-view[data-running=\"true\"]")
            .unwrap()
            .is_some()
        {
            started = true;
            break;
        }
    }
    assert!(started, "a single change starts its run at once");
    settle().await;
    wait_for(
        &root,
        ".simulation-view[data-running=\"false\"][data-total-ms]",
        60_000,
    )
    .await;
    for _ in 0..200 {
        if text(&q(&root, ".sim-status")).contains("seed 7") {
            break;
        }
        TimeoutFuture::new(25).await;
    }
    assert_ne!(
        text(&q(&root, "[data-figure=\"median\"] .figure-value")),
        median
    );
    type_into(&seed, "20250331");
    settle().await;
    for _ in 0..400 {
        if text(&q(&root, ".sim-status")).contains("seed 20250331") {
            break;
        }
        TimeoutFuture::new(25).await;
    }
    assert_eq!(
        text(&q(&root, "[data-figure=\"median\"] .figure-value")),
        median
    );
    js_sys::Reflect::delete_property(
        &web_sys::window().unwrap().into(),
        &"RISK_EXPLORER_NO_WORKER".into(),
    )
    .unwrap();
    // Unmounted, so its listeners and timers do not act on the tests after it.
    app.destroy();
}

/// The whole app on generated registers of any size and scale, with hostile text.
#[path = "browser_many/mod.rs"]
mod many;
