// The terminal's connection goes back to the host and scheme the page came from, so the
// page works behind a proxy or under https without the server knowing its public name.
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
// An export arrives as a download: a link with the download attribute saves it without
// opening a tab (textual-serve's front end would open one, which popup blockers stop).
(function () {
  const open = window.open.bind(window);
  window.open = function (url, target, features) {
    const address = new URL(String(url), location.href);
    if (address.origin === location.origin && address.pathname.startsWith("/download/")) {
      const link = document.createElement("a");
      link.href = address.href;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
      return null;
    }
    return open(url, target, features);
  };
})();
