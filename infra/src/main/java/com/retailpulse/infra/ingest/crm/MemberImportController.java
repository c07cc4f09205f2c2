package com.retailpulse.infra.ingest.crm;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CRM member files (ADMIN): {@code POST /api/v1/imports/members} with multipart {@code file} (CSV
 * with a header line, or JSON lines), optional {@code format} (csv, jsonl; else by file name or
 * content) and {@code charset} (default UTF-8, e.g. GBK); then follow the import.
 */
@RestController
@RequestMapping("/api/v1/imports/members")
class MemberImportController {

    private final MemberImporter importer;

    MemberImportController(MemberImporter importer) {
        this.importer = importer;
    }

    @PostMapping(consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> importMembers(@RequestPart("file") MultipartFile file,
                                      @RequestPart(name = "format", required = false) String format,
                                      @RequestPart(name = "charset", required = false) String charset,
                                      Principal principal) {
        if (file.isEmpty()) {
            throw new InvalidCrmInputException("Invalid import", List.of("file: the uploaded file is empty"));
        }
        Optional<MemberFileReader.Format> chosen;
        Charset decoding;
        try {
            chosen = Optional.ofNullable(format).filter(f -> !f.isBlank()).map(MemberFileReader.Format::parse);
            decoding = charset == null || charset.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(charset.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidCrmInputException("Invalid import", List.of("charset: '" + charset + "' is not a known charset"));
        } catch (IllegalArgumentException e) {
            throw new InvalidCrmInputException("Invalid import", List.of(e.getMessage()));
        }
        try {
            String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
            return Map.of("importId", importer.start(file.getInputStream(), name, chosen, decoding, principal.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/{importId}")
    MemberImportView status(@PathVariable String importId) {
        return importer.find(importId).orElseThrow(() -> notFound(importId));
    }

    /** The rows the import could not take, with line and reason, first line first. */
    @GetMapping("/{importId}/rejects")
    List<MemberImportStore.Reject> rejects(@PathVariable String importId, @RequestParam(defaultValue = "100") int limit) {
        importer.find(importId).orElseThrow(() -> notFound(importId));
        return importer.rejects(importId, Math.max(1, Math.min(limit, 10_000)));
    }

    private static ResponseStatusException notFound(String importId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no member import " + importId);
    }
}
