"""Screenshots of what people read, in headless Chromium at 1,400 px: the compare page, the
worksheet and the quiz after answering every question (first choice of each, so the marking of
right and wrong answers shows).

    .venv/bin/python scripts/screenshots.py [OUT_DIR] [ARTICLE_A ARTICLE_B]

Default: out/screenshots, the two seed articles of corpus/. Needs chromium and chromedriver
(scripts/setup.sh installs them where it can). Prints each PNG's path and whether the page
scrolls sideways.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1400


def framing(*args: str) -> None:
    """Run the framing CLI of this checkout."""
    subprocess.run([sys.executable, "-m", "framing", *args], check=True, cwd=ROOT)


def browser(profile: Path):  # noqa: ANN201 - a selenium WebDriver
    """Headless Chromium, WIDTH px wide."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", f"--window-size={WIDTH},1000", "--hide-scrollbars",
                 "--no-first-run", "--disable-background-networking", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "chromedriver")
    return webdriver.Chrome(options=options, service=service)


def shoot(driver, page: Path, png: Path) -> None:  # noqa: ANN001
    """A full-page screenshot of an opened page; says whether it scrolls sideways."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(WIDTH, min(max(height + 120, 800), 12000))
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    driver.save_screenshot(str(png))
    print(f"{png} (page {wide} px wide{', scrolls sideways' if wide > WIDTH else ''})")


def answer_quiz(driver) -> None:  # noqa: ANN001
    """Click the first choice of every question and open every model answer."""
    from selenium.webdriver.common.by import By

    for item in driver.find_elements(By.CLASS_NAME, "item"):
        item.find_elements(By.TAG_NAME, "button")[0].click()


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "out" / "screenshots"
    a, b = argv[1:3] if len(argv) >= 3 else (str(ROOT / "corpus/000_241931a7261d106c.txt"),
                                              str(ROOT / "corpus/001_6dab095141be1bf5.txt"))
    out.mkdir(parents=True, exist_ok=True)
    framing("compare", a, b, "--entity", "Pakistan", "--format", "html", "-o", str(out / "compare.html"), "--force")
    framing("exercises", a, b, "--entity", "Pakistan", "-o", str(out / "exercises"), "--force", "--seed", "7")
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(Path(profile))
        try:
            for page, png in ((out / "compare.html", "compare.png"),
                              (out / "exercises" / "worksheet.html", "worksheet.png"),
                              (out / "exercises" / "quiz.html", "quiz.png")):
                driver.get(page.as_uri())
                if page.name == "quiz.html":
                    answer_quiz(driver)
                shoot(driver, page, out / png)
        finally:
            driver.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
