#pragma once

#include "io/ReadResult.h"

#include <memory>
#include <string>
#include <vector>

namespace clv {

// What the events and problems tables read: a run's read result, with its files' names in
// UTF-8 as the records hold text.
struct ReadView {
    std::shared_ptr<const ReadResult> read;
    std::vector<std::string> fileNames; // ReadResult::files' display names

    static std::shared_ptr<const ReadView> of(std::shared_ptr<const ReadResult> read)
    {
        if (!read)
            return nullptr;
        auto view = std::make_shared<ReadView>();
        for (const InputFile& f : read->files)
            view->fileNames.push_back(f.display.toStdString());
        view->read = std::move(read);
        return view;
    }
};

} // namespace clv
