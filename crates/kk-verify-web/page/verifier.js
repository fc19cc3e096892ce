// The /verifikasi page: loads the wasm checker and the key bundle once, then checks pictures
// on this device with no network. The bundle is kept in localStorage, so a page opened again
// without a connection still checks with the keys it last saw.
import init, { verify_picture } from "/verifikasi/kk_verify_web.js";

const KEYS = "kk-verifikasi-keys";
const trustDemo = document.body.dataset.trustDemo === "true";
let language = "id";
let bundle = localStorage.getItem(KEYS) || "{}";
let lastAnswer = null;

const status = document.getElementById("status");
const result = document.getElementById("result");

function words(text) {
  return text[language] || text.id;
}

function say(id, en) {
  status.dataset.id = id;
  status.dataset.en = en;
  status.textContent = language === "id" ? id : en;
}

function translatePage() {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll("[data-id]")) {
    element.textContent = element.dataset[language];
  }
  document.getElementById("language").textContent = language === "id" ? "English" : "Bahasa Indonesia";
  if (lastAnswer) show(lastAnswer);
}

function row(term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value ?? "";
  return [dt, dd];
}

function show(answer) {
  lastAnswer = answer;
  result.replaceChildren();
  const verdict = document.createElement("p");
  verdict.id = "verdict";
  if (answer.error) {
    verdict.className = "verdict verdict-error";
    verdict.textContent = words(answer.error);
    result.append(verdict);
    return;
  }
  verdict.className = `verdict verdict-${answer.verdict}`;
  verdict.dataset.verdict = answer.verdict;
  verdict.textContent = words(answer.message);
  result.append(verdict);
  const id = language === "id";
  const details = document.createElement("dl");
  if (answer.issuer) details.append(...row(id ? "Penerbit" : "Issuer", answer.issuer));
  if (answer.kk_number) {
    details.append(...row(id ? "Nomor KK" : "KK number", answer.kk_number));
    details.append(...row(id ? "Kepala keluarga" : "Head of family", answer.head_name));
    details.append(...row(id ? "Tanggal terbit" : "Issued on", answer.issued_on));
  }
  result.append(details);
  if (answer.members.length) {
    const table = document.createElement("table");
    table.id = "members";
    const head = table.createTHead().insertRow();
    for (const title of id ? ["NIK", "Nama"] : ["NIK", "Name"]) {
      const th = document.createElement("th");
      th.textContent = title;
      head.append(th);
    }
    const body = table.createTBody();
    for (const [nik, name] of answer.members) {
      const tr = body.insertRow();
      tr.insertCell().textContent = nik;
      tr.insertCell().textContent = name;
    }
    result.append(table);
  }
}

async function loadKeys() {
  try {
    const response = await fetch("/v1/keys");
    if (response.ok) {
      bundle = await response.text();
      localStorage.setItem(KEYS, bundle);
    }
  } catch {
    // Offline: the keys saved last time still check.
  }
}

document.getElementById("language").addEventListener("click", () => {
  language = language === "id" ? "en" : "id";
  translatePage();
});

document.getElementById("picture").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const picture = new Uint8Array(await file.arrayBuffer());
  show(JSON.parse(verify_picture(picture, bundle, trustDemo)));
});

await Promise.all([init(), loadKeys()]);
document.body.dataset.ready = "true";
say("Siap. Pilih foto kode QR KK.", "Ready. Choose a photo of the KK's QR code.");
