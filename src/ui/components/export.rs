//! Exports in the browser: a chart card's "Export" menu (the chart as SVG, as PNG at twice
//! its size for slides, its table as CSV) and a page's "Download key figures (CSV)". The
//! files are made by [`crate::export`]; here they are only drawn (PNG) and saved.

use super::use_store;
use crate::charts::kit::Chart;
use crate::export;
use crate::report::KeyFigure;
use crate::state::{Action, Notice};
use crate::ui::store::Store;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Today's date and time in ISO 8601.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Puts `blob` in the person's downloads as `name`, through an object URL and a link.
pub(crate) fn save(name: &str, blob: gloo::file::Blob) -> Result<(), String> {
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let link = document
        .create_element("a")
        .map_err(|_| "the page could not make a download link".to_string())?;
    link.set_attribute("href", &url).ok();
    link.set_attribute("download", name).ok();
    link.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("the page has no body")?;
    body.append_child(&link).ok();
    link.unchecked_ref::<web_sys::HtmlElement>().click();
    link.remove();
    // The URL stays valid for a minute while the browser writes the file.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

fn save_text(name: &str, text: &str, mime: &str) -> Result<(), String> {
    save(name, gloo::file::Blob::new_with_options(text, Some(mime)))
}

fn save_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    save(name, gloo::file::Blob::new_with_options(bytes, Some(mime)))
}

fn problem(store: &Store, what: &str, why: String) {
    store.dispatch(Action::Notify(Notice {
        text: format!("{what} could not be exported: {why}."),
        is_problem: true,
    }));
}

/// The chart as a standalone SVG carrying the scenario, at `scale` times its size.
fn chart_svg(store: &Store, chart: &Chart, written: &str, scale: f64) -> String {
    let scenario = export::scenario_for(
        &store.dataset,
        &store.workspace,
        &store.view,
        &chart.title,
        written,
    );
    export::svg::standalone(&chart.svg, &chart.title, &chart.caption, &scenario, scale)
}

/// The chart drawn by the browser on a canvas at twice its size, as PNG bytes.
async fn draw_png(svg: String) -> Result<Vec<u8>, String> {
    let (w, h) = (
        2 * crate::charts::kit::WIDTH,
        2 * crate::charts::kit::HEIGHT,
    );
    let blob = gloo::file::Blob::new_with_options(svg.as_str(), Some("image/svg+xml"));
    let url = gloo::file::ObjectUrl::from(blob);
    let img = web_sys::HtmlImageElement::new().map_err(|_| "no image element".to_string())?;
    img.set_width(w);
    img.set_height(h);
    img.set_src(&url);
    JsFuture::from(img.decode())
        .await
        .map_err(|_| "the browser could not draw the chart".to_string())?;
    let canvas: web_sys::HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .map_err(|_| "no canvas".to_string())?
        .unchecked_into();
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no canvas to draw on")?
        .unchecked_into();
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w as f64, h as f64)
        .map_err(|_| "the browser could not draw the chart".to_string())?;
    drop(url);
    // canvas.toBlob, as a promise.
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let failed = reject.clone();
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() || blob.is_undefined() {
                reject.call0(&JsValue::NULL).ok();
            } else {
                resolve.call1(&JsValue::NULL, &blob).ok();
            }
        });
        // A canvas the browser will not read back throws here (the callback never runs).
        if canvas.to_blob(done.unchecked_ref()).is_err() {
            failed.call0(&JsValue::NULL).ok();
        }
    });
    let blob: web_sys::Blob = JsFuture::from(promise)
        .await
        .map_err(|_| "the browser could not make the picture".to_string())?
        .unchecked_into();
    let bytes = gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(blob))
        .await
        .map_err(|_| "the picture could not be read back".to_string())?;
    Ok(bytes)
}

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    pub chart: Rc<Chart>,
}

/// Closes the menu an item was chosen from (and gives its summary the focus back).
fn close_menu(e: &MouseEvent) {
    if let Some(menu) = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|t| t.closest("details").ok().flatten())
    {
        menu.remove_attribute("open").ok();
        if let Ok(Some(s)) = menu.query_selector("summary") {
            if let Ok(s) = s.dyn_into::<web_sys::HtmlElement>() {
                s.focus().ok();
            }
        }
    }
}

/// A chart card's "Export" menu.
#[function_component(ExportMenu)]
pub fn export_menu(props: &ExportMenuProps) -> Html {
    let store = use_store();
    let chart = &props.chart;
    let on_svg = {
        let store = store.clone();
        let chart = chart.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            let written = now_iso();
            let svg = chart_svg(&store, &chart, &written, 1.0);
            let name = export::file_name(chart.id, &written, "svg");
            if let Err(why) = save_text(&name, &svg, "image/svg+xml") {
                problem(&store, "The chart", why);
            }
        })
    };
    let on_png = {
        let store = store.clone();
        let chart = chart.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            let written = now_iso();
            // Drawn at its own size in the SVG; the canvas is twice as large.
            let svg = chart_svg(&store, &chart, &written, 2.0);
            let scenario = export::scenario_for(
                &store.dataset,
                &store.workspace,
                &store.view,
                &chart.title,
                &written,
            );
            let name = export::file_name(chart.id, &written, "png");
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let made = draw_png(svg)
                    .await
                    .and_then(|png| export::png::with_scenario(&png, &scenario))
                    .and_then(|png| save_bytes(&name, &png, "image/png"));
                if let Err(why) = made {
                    problem(&store, "The chart", why);
                }
            });
        })
    };
    let on_csv = {
        let store = store.clone();
        let chart = chart.clone();
        Callback::from(move |e: MouseEvent| {
            close_menu(&e);
            let written = now_iso();
            let text = export::csv::table(&chart.table);
            let name = export::file_name(chart.id, &written, "csv");
            if let Err(why) = save_text(&name, &text, "text/csv;charset=utf-8") {
                problem(&store, "The table", why);
            }
        })
    };
    html! {
        <details class="export-menu" data-export={chart.id}>
            <summary title="Save this chart as a picture, or its table for a spreadsheet">
                { "Export" }<span class="visually-hidden">{ format!(": {}", chart.title) }</span>
            </summary>
            <div class="export-menu-items" role="group" aria-label="Export this chart">
                <button type="button" onclick={on_png} data-format="png">{ "Picture for slides (PNG)" }</button>
                <button type="button" onclick={on_svg} data-format="svg">{ "Picture to edit or print (SVG)" }</button>
                <button type="button" onclick={on_csv} data-format="csv">{ "Table for a spreadsheet (CSV)" }</button>
                <p class="menu-hint">{ "Pictures carry this scenario: drop one on Risk Explorer to open it again." }</p>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct FiguresDownloadProps {
    pub figures: Vec<KeyFigure>,
    /// What the figures are, for the file and its name: `Demand and finance`.
    pub page: AttrValue,
    /// Which of the page's groups of figures, when it has several.
    #[prop_or_default]
    pub group: Option<AttrValue>,
}

/// "Download key figures (CSV)".
#[function_component(FiguresDownload)]
pub fn figures_download(props: &FiguresDownloadProps) -> Html {
    let store = use_store();
    let onclick = {
        let figures = props.figures.clone();
        let page = props.page.clone();
        let group = props.group.clone();
        Callback::from(move |_: MouseEvent| {
            let written = now_iso();
            let what = match &group {
                Some(g) => format!("{page}: {g}"),
                None => page.to_string(),
            };
            let text = export::csv::key_figures(&what, &figures);
            let name = export::file_name(&format!("key-figures-{what}"), &written, "csv");
            if let Err(why) = save_text(&name, &text, "text/csv;charset=utf-8") {
                problem(&store, "The key figures", why);
            }
        })
    };
    html! {
        <button type="button" class="figures-download link-button" {onclick} data-export="key-figures">
            { "Download key figures (CSV)" }
            if let Some(g) = &props.group { <span class="visually-hidden">{ format!(": {g}") }</span> }
        </button>
    }
}
