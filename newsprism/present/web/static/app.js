// Progressive enhancement only: the pages are complete without script. No inline script anywhere
// (the Content-Security-Policy forbids it); this file is served by the app itself.
document.addEventListener("click", (event) => {
  const cell = event.target.closest("td.cell");
  if (cell) cell.classList.toggle("open");
});
document.addEventListener("mouseover", (event) => {
  const span = event.target.closest("[data-fact]");
  if (!span) return;
  const key = span.dataset.fact;
  document.querySelectorAll("[data-fact]").forEach((el) => {
    el.classList.toggle("hl", el.dataset.fact === key);
  });
});
