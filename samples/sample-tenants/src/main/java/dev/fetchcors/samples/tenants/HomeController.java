package dev.fetchcors.samples.tenants;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page, at the root. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/tenants.html";
    }

}
