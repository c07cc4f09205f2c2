package com.retailpulse.infra.ingest.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.ingest.transactions.ColumnMapping;
import com.retailpulse.infra.web.JsonProblems;
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
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batch imports of POS/ERP transaction files (ADMIN): upload, then follow the progress.
 * {@code POST /api/v1/imports/transactions} with multipart {@code file} (plain or gzip) and an
 * optional {@code mapping} (JSON column mapping; the known UCI layouts are recognised by header).
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final TransactionImporter importer;
    private final ObjectMapper json;

    ImportController(TransactionImporter importer, ObjectMapper json) {
        this.importer = importer;
        this.json = json;
    }

    @PostMapping(path = "/transactions", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> importTransactions(@RequestPart("file") MultipartFile file,
                                           @RequestPart(name = "mapping", required = false) String mapping,
                                           Principal principal) {
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "file: the uploaded file is empty");
        }
        Optional<ColumnMapping> columns = Optional.ofNullable(mapping).filter(m -> !m.isBlank()).map(this::parseMapping);
        try {
            String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
            return Map.of("importId", importer.start(file.getInputStream(), name, columns, principal.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/{importId}")
    ImportView status(@PathVariable String importId) {
        return importer.find(importId).orElseThrow(() -> notFound(importId));
    }

    /** The rows the import could not take, with line and reason, oldest line first. */
    @GetMapping("/{importId}/rejects")
    List<ImportJobStore.Reject> rejects(@PathVariable String importId, @RequestParam(defaultValue = "100") int limit) {
        importer.find(importId).orElseThrow(() -> notFound(importId));
        return importer.rejects(importId, Math.max(1, Math.min(limit, 10_000)));
    }

    @PostMapping("/{importId}/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ImportView resume(@PathVariable String importId) {
        importer.find(importId).orElseThrow(() -> notFound(importId));
        return importer.resume(importId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.CONFLICT, "import " + importId + " has not failed; only a failed import can be resumed"));
    }

    private ColumnMapping parseMapping(String mapping) {
        try {
            return json.readValue(mapping, ColumnMapping.class);
        } catch (JsonProcessingException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "mapping: " + JsonProblems.describe(e));
        }
    }

    private static ResponseStatusException notFound(String importId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no import " + importId);
    }
}
