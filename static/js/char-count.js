// A text field with a limit (data-max) counts as one types: "12 of at most 80 characters", marked
// when over. The server refuses what is too long with a message; nothing is cut off silently.
for (const input of document.querySelectorAll("input[data-max], textarea[data-max]")) {
  const counter = document.getElementById(`${input.id}-count`);
  if (!counter) continue;
  const max = Number(input.dataset.max);
  const show = () => {
    const count = [...input.value].length;
    counter.textContent = counter.dataset.text.replace("{count}", count);
    counter.classList.toggle("error", count > max);
  };
  input.addEventListener("input", show);
  show();
}
