#!/usr/bin/env python3
"""Uses the staff desk in headless Chromium as staff do, and prints what happened as JSON.

Usage: desk_check.py journey CONFIG.json
       desk_check.py audit CONFIG.json
CONFIG names the desk (desk), the reader site (reader), the password, the logins
({"layla": ..., "omar": ...}), the sample's headline, dateline and body files, the pages to
audit and where screenshots go (shots, or none).

journey: the reporter signs in and writes the sample article with the keyboard alone
(Tab, typing, Enter: no mouse); the editor, in a second browser, assigns himself; she
submits, by keyboard, and he sees it arrive on his desk without a reload, takes the story to edit while
the reporter's open page is told so, changes the headline, loses his session (its cookie
gone) before saving, signs in again and gets his typed text back from the browser's copy,
saves, approves and publishes; the reader site then shows the story.
audit: axe-core (from PyPI's axe-playwright-python, which carries axe.min.js) on each page,
signed in as the given person, and screenshots at desktop and phone widths.
Needs Debian's chromium and chromium-driver and PyPI's selenium (scripts/lib/common.sh).
"""
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait


class Browser:
    """One person's browser: its own profile, so cookies and storage are theirs alone."""

    def __init__(self, width=1280, height=900):
        self.scratch = tempfile.mkdtemp(prefix="newsroom-desk-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=ar", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        options.add_argument("--user-data-dir=" + os.path.join(self.scratch, "profile"))
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service("/usr/bin/chromedriver", env=dict(os.environ, TMPDIR=self.scratch))
        try:
            self.driver = webdriver.Chrome(service=service, options=options)
        except BaseException:
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def errors(self):
        return [e["message"] for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def wait(self, condition, seconds=10):
        return WebDriverWait(self.driver, seconds, poll_frequency=0.05).until(lambda d: condition())

    def sign_in(self, base, login, password):
        self.driver.get(base + "/")
        self.driver.find_element(By.ID, "login").send_keys(login)
        field = self.driver.find_element(By.ID, "password")
        field.send_keys(password)
        field.send_keys(Keys.ENTER)
        try:
            self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, "main[data-viewer]:not([data-viewer=''])"))
        except Exception:
            raise AssertionError(f"{login} could not sign in: {self.driver.current_url}: {self.driver.find_element(By.TAG_NAME, 'body').text}")

    def active(self):
        return self.driver.switch_to.active_element

    def tab_to(self, matches, limit=80):
        """Presses Tab until the focused element is the one wanted; returns how many presses."""
        for presses in range(1, limit + 1):
            self.active().send_keys(Keys.TAB)
            if matches(self.active()):
                return presses
        raise AssertionError("Tab never reached the element")

    def focus_visible(self):
        """Whether the focused element draws a focus ring."""
        return self.driver.execute_script(
            "const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;")


def by_id(name):
    return lambda element: element.get_attribute("id") == name


def journey(config):
    desk, reader, password = config["desk"], config["reader"], config["password"]
    headline = open(config["headline"], encoding="utf-8").read().strip()
    body = open(config["body"], encoding="utf-8").read().strip()
    result = {}
    layla, omar = Browser(), Browser()
    try:
        layla.sign_in(desk, config["logins"]["layla"], password)
        omar.sign_in(desk, config["logins"]["omar"], password)
        d = layla.driver
        # Writing, keyboard only: from the top of the page, Tab to each field and type.
        d.get(desk + "/stories/new")
        presses = layla.tab_to(by_id("headline"))
        result["focusRingOnHeadline"] = layla.focus_visible()
        layla.active().send_keys(headline)
        result["headlineCount"] = d.find_element(By.CSS_SELECTOR, "#count-headline span").text
        layla.tab_to(by_id("dateline"))
        layla.active().send_keys(config["dateline"])
        layla.tab_to(by_id("section"))
        layla.active().send_keys(Keys.ARROW_DOWN)  # from the empty choice to the first section
        result["section"] = layla.active().get_attribute("value")
        layla.tab_to(lambda e: e.get_attribute("data-mark") == "## ")
        layla.active().send_keys(Keys.ENTER)  # the toolbar's subheading mark goes into the body, which takes the focus
        result["toolbarInserted"] = d.find_element(By.ID, "body").get_attribute("value")
        result["toolbarFocusedBody"] = layla.active().get_attribute("id") == "body"
        layla.active().send_keys(Keys.CONTROL, "a")
        layla.active().send_keys(Keys.DELETE)
        layla.active().send_keys(body)
        layla.tab_to(lambda e: e.tag_name == "button" and (e.find_element(By.XPATH, "..").get_attribute("action") or "").endswith("/stories"))
        layla.active().send_keys(Keys.ENTER)
        layla.wait(lambda: "/stories/" in d.current_url and "saved=new" in d.current_url)
        story = d.current_url.split("/stories/")[1].split("?")[0]
        result["story"] = story
        result["tabsToHeadline"] = presses
        # The editor takes it on: he assigns himself (an editor may), then waits on his desk.
        o = omar.driver
        o.get(desk + f"/stories/{story}")
        Select(o.find_element(By.ID, f"editor-assign-{story}")).select_by_value(config["omarHandle"])
        o.find_element(By.ID, f"editor-assign-{story}").find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        omar.wait(lambda: o.find_elements(By.CSS_SELECTOR, "article.story"))
        omar.driver.get(desk + "/")
        time.sleep(2.5)  # his desk's stream is open and has read where the record stands
        d.get(desk + f"/stories/{story}")
        layla.tab_to(lambda e: e.tag_name == "button" and 'value="submit"' in (e.find_element(By.XPATH, "../..").get_attribute("innerHTML") or ""))
        started = time.monotonic()
        layla.active().send_keys(Keys.ENTER)
        layla.wait(lambda: "in_review" in d.page_source)
        omar.wait(lambda: story in omar.driver.find_element(By.ID, "live").text, 15)
        result["editorToldSeconds"] = round(time.monotonic() - started, 2)
        result["editorLiveLine"] = omar.driver.find_element(By.ID, "live").text
        # The reporter keeps the story open; the editor takes it to edit.
        d.get(desk + f"/stories/{story}")
        time.sleep(2.5)
        o.get(desk + f"/stories/{story}")
        o.find_element(By.CSS_SELECTOR, f"form[action='/stories/{story}/lease'] button").click()
        omar.wait(lambda: o.current_url.endswith(f"/stories/{story}/edit"))
        layla.wait(lambda: config["omarHandle"] in d.find_element(By.ID, "lease").text, 15)
        result["reporterToldOfLease"] = d.find_element(By.ID, "lease").text
        field = o.find_element(By.ID, "headline")
        field.clear()
        field.send_keys(config["newHeadline"])
        # His session ends before he saves (its cookie gone, as after the idle timeout).
        o.delete_all_cookies()
        o.find_element(By.CSS_SELECTOR, "form.editor button[name='save']").click()
        omar.wait(lambda: o.find_elements(By.ID, "login"))
        result["sessionEndedPage"] = o.find_element(By.TAG_NAME, "main").text
        omar.sign_in(desk, config["logins"]["omar"], password)
        o.get(desk + f"/stories/{story}")
        o.find_element(By.CSS_SELECTOR, f"form[action='/stories/{story}/lease'] button").click()
        omar.wait(lambda: o.current_url.endswith(f"/stories/{story}/edit"))
        offer = o.find_element(By.CSS_SELECTOR, ".draft-copy")
        result["offeredCopy"] = offer.is_displayed()
        offer.find_element(By.CSS_SELECTOR, "button.restore").click()
        result["restoredHeadline"] = o.find_element(By.ID, "headline").get_attribute("value")
        o.find_element(By.CSS_SELECTOR, "form.editor button[name='save']").click()
        omar.wait(lambda: "saved=" in o.current_url)
        result["copyClearedAfterSave"] = o.execute_script(f"return localStorage.getItem('newsroom-draft-{story}') === null")
        for action in ("approve", "publish"):
            button = o.find_element(By.CSS_SELECTOR, f"form.action input[name='action'][value='{action}']").find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "button[type='submit']")
            button.click()
            # The page the move redirects to, not the one clicked on (it has an article.story too).
            omar.wait(lambda: EC.staleness_of(button)(o) and o.find_elements(By.CSS_SELECTOR, "article.story"))
        result["statusAfter"] = o.find_element(By.CSS_SELECTOR, "article.story .status").get_attribute("class")
        o.get(reader + f"/stories/{story}")
        result["readerHeadline"] = o.find_element(By.TAG_NAME, "h1").text
        result["consoleErrors"] = layla.errors() + omar.errors()
    finally:
        layla.close()
        omar.close()
    return result


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe-core is not installed (scripts/test installs axe-playwright-python from PyPI)")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as handle:
        return handle.read()


def audit(config):
    source = axe_source()
    results = []
    for width, height, suffix in ((1280, 900, ""), (390, 844, "-phone")):
        browser = Browser(width, height)
        try:
            browser.sign_in(config["desk"], config["logins"][config["as"]], config["password"])
            for page in config["pages"]:
                browser.driver.get(config["desk"] + page["path"])
                if page.get("fill"):
                    for name, value in page["fill"].items():
                        browser.driver.find_element(By.ID, name).send_keys(value)
                if page.get("submit"):
                    browser.driver.find_element(By.CSS_SELECTOR, page["submit"]).click()
                    time.sleep(0.5)
                browser.driver.execute_script(source)
                found = browser.driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                    " target: v.nodes.slice(0, 3).map(n => n.target.join(' ')), help: v.help})))).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
                shot = None
                if config.get("shots") and page.get("shot"):
                    shot = os.path.join(config["shots"], page["shot"] + suffix + ".png")
                    browser.driver.save_screenshot(shot)
                wide = browser.driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
                results.append({"path": page["path"], "width": width, "violations": found, "screenshot": shot,
                                "widerThanScreen": wide, "consoleErrors": browser.errors()})
        finally:
            browser.close()
    return results


def main(arguments):
    if len(arguments) != 2 or arguments[0] not in ("journey", "audit"):
        print(__doc__, file=sys.stderr)
        return 64
    with open(arguments[1], encoding="utf-8") as handle:
        config = json.load(handle)
    output = journey(config) if arguments[0] == "journey" else audit(config)
    print(json.dumps(output, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
