//! The frame around every page: masthead with navigation and undo/redo, the status
//! line (illustrative, dataset version, what differs) and notices.

use super::use_store;
use super::work_file::{download_work, WorkFile};
use crate::format;
use crate::state::{Action, Page};
use crate::ui::storage;
use crate::ui::store::on_click;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub page: Page,
}

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    /// Opens the start panel again.
    #[prop_or_default]
    pub on_start: Callback<()>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let store = use_store();
    let undo = on_click(&store, Action::Undo);
    let redo = on_click(&store, Action::Redo);
    let reset = on_click(&store, Action::ResetAll);
    let differs = store.differences();
    html! {
        <header class="masthead">
            <div class="brand">
                <span class="product">{ "Risk Explorer" }</span>
                <span class="org">{ store.dataset.meta.organisation.clone() }</span>
            </div>
            <nav aria-label="Views" class="nav">
                <ul>
                    { for Page::ALL.iter().map(|p| {
                        let current = *p == props.page;
                        html! {
                            <li>
                                <a href={format!("#/{}", p.slug())}
                                   class={classes!("nav-link", current.then_some("current"), (!p.available()).then_some("coming"))}
                                   aria-current={current.then_some("page")} title={p.title()}>
                                    { p.nav_label() }
                                    if !p.available() { <span class="soon">{ " (coming soon)" }</span> }
                                </a>
                            </li>
                        }
                    }) }
                </ul>
            </nav>
            <div class="toolbar" role="toolbar" aria-label="Edit">
                <button type="button" onclick={undo} disabled={!store.history.can_undo()}
                    title="Undo the last change (Ctrl+Z)" aria-keyshortcuts="Control+Z">{ "↶ Undo" }</button>
                <button type="button" onclick={redo} disabled={!store.history.can_redo()}
                    title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{ "↷ Redo" }</button>
                <button type="button" onclick={reset} disabled={differs == 0}
                    title="Put every setting back to the dataset's defaults (can be undone)">{ "Reset all" }</button>
                <WorkFile />
            </div>
        </header>
    }
}

/// "Illustrative, not a forecast", the dataset's version and as-at date, and what differs.
#[function_component(StatusBar)]
pub fn status_bar(props: &StatusBarProps) -> Html {
    let store = use_store();
    let start = {
        let c = props.on_start.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let meta = &store.dataset.meta;
    let diffs = store.workspace.differences(&store.dataset);
    let n = diffs.len();
    let differs = match n {
        0 => html! { <span class="differs none">{ "All settings are the defaults." }</span> },
        _ => html! {
            <details class="differs">
                <summary>{ format!("{n} setting{} differ{} from the defaults", if n == 1 { "" } else { "s" }, if n == 1 { "s" } else { "" }) }</summary>
                <ul>
                    { for diffs.iter().map(|d| html! { <li>{ format::difference(&store.dataset, d) }</li> }) }
                </ul>
            </details>
        },
    };
    let imported = super::datasets::use_switch().datasets.in_use.slot
        != crate::share::stored_dataset::Slot::Builtin;
    let dataset = format!(
        "{}: {} · version {} · as at {}",
        if imported {
            "Imported dataset"
        } else {
            "Dataset"
        },
        meta.name,
        meta.version,
        meta.as_at
    );
    html! {
        <div class="status-bar" role="region" aria-label="About these figures">
            <button type="button" class="start-link" onclick={start} aria-controls="start"
                title="What this tool is for, three things to try, and where the sources are">{ "Start here" }</button>
            <strong class="illustrative">{ "Illustrative, not a forecast." }</strong>
            // One line whatever the width (a narrow window shortens it with "…"; the
            // whole text is its title).
            <span class={classes!("dataset", imported.then_some("imported"))} title={dataset.clone()} data-dataset={meta.name.clone()}>{ dataset }</span>
            <span class="differs-count" data-differences={n.to_string()}>{ differs }</span>
        </div>
    }
}

/// A message about something outside the user's control (storage, a damaged save).
/// A failed save has a bar of its own, so it is never hidden behind another notice.
#[function_component(Notice)]
pub fn notice() -> Html {
    let store = use_store();
    let dismiss = on_click(&store, Action::DismissNotice);
    let release = on_click(&store, Action::ReleaseSaves);
    // Two tabs disagree: the work not chosen is kept as a named copy before the choice.
    let choose = |keep_mine: bool| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(other) = store.saving.conflict.clone() else {
                return;
            };
            if keep_mine {
                storage::keep_copy(&other.workspace, &store.view);
                store.dispatch(Action::KeepMine);
            } else {
                storage::keep_copy(&store.workspace, &store.view);
                store.dispatch(Action::TakeTheirs);
            }
        })
    };
    html! {
        <>
            if store.saving.conflict.is_some() {
                <div class="notice problem tabs-differ" role="alert">
                    <p>{ crate::report::about::TABS_DIFFER }</p>
                    <button type="button" onclick={choose(true)}>{ "Keep the work in this tab" }</button>
                    <button type="button" onclick={choose(false)}>{ "Take the other tab's work" }</button>
                </div>
            }
            if store.saving.held {
                <div class="notice problem saves-held" role="alert">
                    <p>{ "Nothing is being saved: the unreadable saved work from last time is kept as it is. Saving your work now replaces it." }</p>
                    <button type="button" onclick={release}>{ "Save my work over it" }</button>
                </div>
            }
            if let Some(why) = &store.saving.problem {
                <div class="notice problem save-problem" role="alert">
                    <p>{ why.clone() }{ " You can keep it now as a file: download your work and open it again later with “Open a file…”." }</p>
                    <button type="button" onclick={download_work(&store)}>{ "Download my work" }</button>
                </div>
            }
            if let Some(n) = &store.notice {
                <div class={classes!("notice", n.is_problem.then_some("problem"))} role="alert">
                    <p>{ n.text.clone() }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
        </>
    }
}
