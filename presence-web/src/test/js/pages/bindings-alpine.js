// Alpine with the client's plugin; the page's token cookie authenticates.
import Alpine from "alpinejs";
import presence from "../../../main/webapp/presence/alpine.js";

Alpine.plugin(presence);
window.Alpine = Alpine;
Alpine.start();
