// A part of a form that matters for one answer only (data-shown-for="field-id=value") hides
// while another answer is chosen. Without JavaScript it always shows, with its own legend.
for (const part of document.querySelectorAll("[data-shown-for]")) {
  const [id, value] = part.dataset.shownFor.split("=");
  const chooser = document.getElementById(id);
  if (!chooser) continue;
  const show = () => {
    part.hidden = chooser.value !== value;
  };
  chooser.addEventListener("change", show);
  show();
}
