// The reset code comes in the link's fragment, which is never sent to the server (so no log holds
// it): put it in the form, and take it out of the address bar and the history.
document.addEventListener("DOMContentLoaded", () => {
  const code = document.getElementById("code");
  const fragment = decodeURIComponent(window.location.hash.slice(1));
  if (code && fragment) {
    if (!code.value) code.value = fragment;
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
});
