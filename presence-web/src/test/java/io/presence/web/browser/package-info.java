/**
 * End-to-end tests of the browser client and the demo page: real headless Chromium sessions (through
 * the system's chromedriver) against a real Payara Micro process serving the built WAR. Helpers here
 * start and stop those processes on this module's ports (18101-18103 servers, 18110-18129 browsers);
 * no test here may stub the server or the browser.
 */
package io.presence.web.browser;
