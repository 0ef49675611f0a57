#pragma once

#include "generate/FakeDataGenerator.h"
#include "util/JobTracker.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace clv {

class BtydParametersBox;

// "Generate Fake Data": the GUI face of FakeDataGenerator (spec §7). The file is written on
// the worker pool through a QSaveFile, so a cancelled or failed run leaves any previous file
// at the path whole; problems are shown in the dialog in plain words and the dialog stays open.
class GenerateDataDialog : public QDialog {
    Q_OBJECT
public:
    // `baseFolder`: the folder whose data/input/input.txt is the default output file.
    explicit GenerateDataDialog(const QString& baseFolder, QWidget* parent = nullptr);
    ~GenerateDataDialog() override;

    GeneratorOptions options() const;
    // The chosen path made absolute; a relative path is taken from the base folder.
    QString outputFile() const;
    bool openWhenDone() const;
    void setOutputFile(const QString& path); // for tests and for remembering the last choice

public Q_SLOTS:
    // While a file is being written, cancels the run and keeps the dialog open.
    void reject() override;

Q_SIGNALS:
    // Emitted when a file was written whole; the dialog then accepts (closes).
    void generated(const QString& file, qint64 events, bool openWhenDone);

private:
    void buildForm();
    void setFieldEnabled(QWidget* field, bool enabled); // with its form label
    void changeMode();
    void updateModeFields();
    void updateEstimate();
    void noteExistingOutput();
    void browseForOutput();
    void startGeneration();
    // What a generation job hands back.
    struct Generation {
        GeneratorReport report;
        bool cancelled = false;
    };
    void finishGeneration(const Generation& done);
    void setRunning(bool running);
    void showStatus(const QString& text, bool problem);

    QString m_baseFolder;
    QComboBox* m_mode;
    QSpinBox* m_customers;
    QSpinBox* m_days;
    QSpinBox* m_maxEvents;
    QSpinBox* m_weeks;
    QSpinBox* m_maxVisits;
    BtydParametersBox* m_btyd;
    QLineEdit* m_seed;
    QSpinBox* m_badLines;
    QLabel* m_estimate;
    QLineEdit* m_output;
    QPushButton* m_browse;
    QCheckBox* m_openWhenDone;
    QProgressBar* m_progress;
    QLabel* m_status;
    QFormLayout* m_form;
    QDialogButtonBox* m_buttons;
    QPushButton* m_generate;
    QPushButton* m_cancel;
    QList<QWidget*> m_inputs; // disabled while a file is being written

    GeneratorMode m_outputMode = GeneratorMode::Seed; // the mode whose default output file is offered
    QString m_runningFile;
    JobTracker m_jobs{this};
};

} // namespace clv
