// Forms marked data-submit-once are sent once: after the first tap their submit buttons are
// disabled, and a second submit while the first is on its way is ignored. Without JavaScript the
// forms work as is (the server recognises a form sent twice).
const SENDING = "submitOnceSending";

function submitButtons(form) {
  return [...form.elements].filter((element) => element.type === "submit");
}

function lock(form) {
  form.dataset[SENDING] = "";
  // Disabled after the browser has read the form: a disabled button's name and value (e.g.
  // action=confirm) would be left out of what is sent.
  const buttons = submitButtons(form).filter((button) => !button.disabled);
  setTimeout(() => {
    for (const button of buttons) {
      button.disabled = true;
      button.dataset[SENDING] = "";
    }
  });
}

function unlock(form) {
  delete form.dataset[SENDING];
  for (const button of submitButtons(form).filter((button) => SENDING in button.dataset)) {
    button.disabled = false;
    delete button.dataset[SENDING];
  }
}

// On window, so it runs after the form's own submit handlers: a submission they stopped (their
// own validation) leaves the form as it is.
window.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.hasAttribute("data-submit-once")) return;
  if (SENDING in form.dataset) {
    event.preventDefault();
  } else if (!event.defaultPrevented) {
    lock(form);
  }
});

// Back to the page (the back button's cache keeps it as it was left): the form can be sent again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-submit-once]")) unlock(form);
});
