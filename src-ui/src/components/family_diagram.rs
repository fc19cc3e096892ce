//! The picture of the family, drawn in SVG from the members as they are typed, because people
//! would rather look than read. Screen readers get the same facts as one sentence.

use kk_domain::application::Relationship;
use kk_domain::codes::SHDK;
use kk_domain::text::Language;
use leptos::prelude::*;

use crate::components::family_layout::{NODE_HEIGHT, NODE_WIDTH, fill, layout};
use crate::language::current_language;
use crate::wizard::state::use_draft;

const NAME_CHARACTERS: usize = 20;

#[component]
pub fn FamilyDiagram() -> impl IntoView {
    let state = use_draft();
    move || {
        let members = state.application.with(|a| a.members.clone());
        let picture = layout(&members);
        if picture.nodes.is_empty() {
            return None;
        }
        let language = current_language();
        let relationship = move |relationship: Option<Relationship>| {
            relationship
                .and_then(|r| SHDK.get(r.code()))
                .map(|entry| {
                    if language == Language::En {
                        entry.en
                    } else {
                        entry.id
                    }
                })
                .unwrap_or("?")
        };
        let description = picture
            .nodes
            .iter()
            .map(|node| {
                let member = &members[node.index];
                format!(
                    "{} ({})",
                    member.full_name.trim(),
                    relationship(member.relationship)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let lines = picture
            .lines
            .iter()
            .map(|(x1, y1, x2, y2)| view! { <line x1=*x1 y1=*y1 x2=*x2 y2=*y2 stroke="#4a5560" stroke-width="2" /> })
            .collect_view();
        let nodes = picture
            .nodes
            .iter()
            .map(|node| {
                let member = &members[node.index];
                let name: String = member.full_name.trim().chars().take(NAME_CHARACTERS).collect();
                view! {
                    <g class="family-node" data-member=node.index>
                        <rect x=node.x y=node.y width=NODE_WIDTH height=NODE_HEIGHT rx="10"
                            fill=fill(member.sex) stroke="#0b6e4f" stroke-width="1.5" />
                        <text x=node.x + NODE_WIDTH / 2 y=node.y + 23 text-anchor="middle" font-weight="700" font-size="14">
                            {if name.is_empty() { "…".to_owned() } else { name }}
                        </text>
                        <text x=node.x + NODE_WIDTH / 2 y=node.y + 42 text-anchor="middle" font-size="12" fill="#4a5560">
                            {relationship(member.relationship)}
                        </text>
                    </g>
                }
            })
            .collect_view();
        let label = description.clone();
        Some(view! {
            <figure class="family-diagram">
                <svg
                    id="family-diagram"
                    role="img"
                    aria-label=label
                    viewBox=format!("0 0 {} {}", picture.width, picture.height)
                    width="100%"
                    style=format!("max-width: {}px", picture.width)
                >
                    <title>{description}</title>
                    {lines}
                    {nodes}
                </svg>
            </figure>
        })
    }
}
