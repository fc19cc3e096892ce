//! The page frame of the console and its small stylesheet. Plain HTML with real labels,
//! visible focus, and colours that meet WCAG AA.

use maud::{DOCTYPE, Markup, PreEscaped, html};

pub(super) const STYLE: &str = r#"
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f23; background: #f4f6f5; }
header { background: #0b6e4f; color: #fff; padding: 0.75rem 1.5rem; display: flex; justify-content: space-between; align-items: center; }
header a, header button { color: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid #c9d1cc; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.95rem; }
th { background: #e6efe9; }
a { color: #0b5c42; } a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.pill { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; background: #e6efe9; font-weight: 600; }
.error { color: #a4161a; } .warning { color: #7a4d00; }
.notice { background: #fff4e5; border-left: 5px solid #b35c00; padding: 0.75rem 1rem; }
.problem { background: #fdecea; border-left: 5px solid #a4161a; padding: 0.75rem 1rem; }
form.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 1rem 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
input, select, textarea { font: inherit; padding: 0.35rem; border: 2px solid #4a5560; border-radius: 4px; }
textarea { width: 100%; min-height: 4rem; box-sizing: border-box; }
select { max-width: 100%; }
button { font: inherit; font-weight: 700; padding: 0.5rem 1rem; border-radius: 6px; border: 2px solid #0b6e4f; background: #0b6e4f; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b5c42; }
button.danger { background: #a4161a; border-color: #a4161a; }
.decisions { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1.5rem; }
.decisions section { background: #fff; border: 1px solid #c9d1cc; border-radius: 8px; padding: 1rem; }
.documents { display: flex; flex-wrap: wrap; gap: 1rem; }
.documents figure { margin: 0; background: #fff; border: 1px solid #c9d1cc; padding: 0.5rem; }
#family-diff tr.diff-added td { background: #e3f4ea; }
#family-diff tr.diff-leaving td, #family-diff tr.diff-omitted td { background: #fdecea; }
#family-diff tr.diff-corrected td { background: #fff4e5; }
#family-diff del { color: #a4161a; } #family-diff ins { color: #0b5c42; text-decoration: none; font-weight: 700; }
/* A fixed box, so the page does not shift under the officer as scans arrive. */
.documents img { width: 260px; height: 260px; object-fit: contain; display: block; }
"#;

pub fn page(title: &str, officer: Option<&str>, csrf: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="id" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Konsol Petugas KK Mandiri" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/console" { strong { "KK Mandiri · Konsol Petugas" } }
                    @if let (Some(name), Some(csrf)) = (officer, csrf) {
                        form method="post" action="/console/logout" {
                            input type="hidden" name="csrf" value=(csrf);
                            span { (name) " " }
                            button type="submit" class="secondary" { "Keluar" }
                        }
                    }
                }
                main id="main" { (body) }
            }
        }
    }
}
