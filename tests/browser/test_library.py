"""An editor uploads three images at once, sets a focal point and alt text, in Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from coalition.images import crop_name
from coalition.library.models import Image
from tests import factories
from tests.browser.test_accessibility import AXE_CANDIDATES, WCAG_22_AA, axe_violations
from tests.browser.test_editorial_workflow import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def axe_script():
    """axe-core, as the accessibility tests find it (`make test-browser` installs it)."""
    found = [Path(path) for path in AXE_CANDIDATES if path and Path(path).is_file()]
    if not found:
        pytest.fail("axe-core not found: run `make test-browser` once, or set AXE_CORE_JS.")
    return found[0]


def axe_violations_in(page, axe_script, selector):
    page.evaluate(axe_script.read_text())
    results = page.evaluate(
        """([selector, tags]) => axe.run(document.querySelector(selector),
            {runOnly: {type: "tag", values: tags}})""",
        [selector, WCAG_22_AA],
    )
    return [(violation["id"], violation["help"]) for violation in results["violations"]]


def picture_file(tmp_path, name, colour, size=(600, 400)):
    upload = factories.image_upload(name, size=size, colour=colour)
    path = tmp_path / name
    path.write_bytes(upload.read())
    return path


def test_an_editor_uploads_many_images_then_describes_and_focuses_one(
    page, editor, tmp_path, screenshot, axe_script
):
    files = [
        picture_file(tmp_path, "court-hearing.png", "navy"),
        picture_file(tmp_path, "street_march.png", "darkred"),
        picture_file(tmp_path, "vigil.png", "darkgreen"),
    ]
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("minutes of the meeting")

    log_in(page, editor)
    page.goto("/admin/library/image/")
    page.get_by_role("link", name="Upload many images").click()
    page.get_by_label("Images").set_input_files([*files, not_an_image])
    page.get_by_label("Credit").fill("Photo: KIBHR")
    page.get_by_role("button", name="Upload").click()

    progress = page.locator(".library-progress__files")
    expect(progress.locator("li.is-done")).to_have_count(3)
    expect(progress.locator("li.is-refused")).to_contain_text("notes.png")
    expect(progress.locator("li.is-refused")).to_contain_text("Upload a JPEG, PNG or WebP")
    for bar in progress.locator("progress").all():
        expect(bar).to_have_js_property("value", 100)
    screenshot("1-progress")
    violations = axe_violations(page, axe_script)
    assert violations == [], violations
    assert sorted(Image.objects.values_list("title", flat=True)) == [
        "court hearing",
        "street march",
        "vigil",
    ]

    page.get_by_role("link", name="Give them their alt text").click()
    forms = page.locator(".library-describe > li")
    expect(forms).to_have_count(3)
    forms.nth(0).get_by_label("Alt text").fill("Lawyers outside the court before the hearing")
    forms.nth(1).get_by_label("Alt text").fill("Marchers holding a banner")
    forms.nth(2).get_by_label("Decorative").check()
    screenshot("2-describe")
    violations = axe_violations(page, axe_script)
    assert violations == [], violations
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("The images are described")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    expect(page.get_by_text("No alt text")).to_have_count(0)
    screenshot("3-grid")
    violations = axe_violations(page, axe_script)
    assert violations == [], violations

    # The whole card opens the image, its thumbnail included.
    page.locator("#result_list tbody tr").filter(has_text="court hearing").locator("img").click(
        force=True
    )
    area = page.locator(".focal-picker__area")
    area.scroll_into_view_if_needed()
    box = area.locator("img").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.6)
    expect(page.locator("#id_focal_x")).to_have_value("0.2")
    area.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_focal_y")).to_have_value("0.65")
    screenshot("4-focal-point")
    # The picker only: the rest of the change page is Django's admin (select2, file inputs).
    violations = axe_violations_in(page, axe_script, ".focal-picker")
    assert violations == [], violations
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    image = Image.objects.get(title="court hearing")
    assert image.alt == "Lawyers outside the court before the hearing"
    assert image.credit == "Photo: KIBHR"
    assert image.focal_point == pytest.approx((0.2, 0.65), abs=0.002)
    assert image.variants["focus"] == [image.focal_x, image.focal_y]
    assert crop_name(image.variants, "square", "webp")
    assert Image.objects.get(title="vigil").decorative
