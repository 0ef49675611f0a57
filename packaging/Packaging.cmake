# Installed layout and the Debian package (`make package`, CPack's DEB generator).
#   /usr/bin/clv-studio, /usr/bin/clv-etl
#   /usr/share/clv-studio/words   word lists of the fake-data generator (found beside the binary)
#   /usr/share/clv-studio/sample  the bundled sample events
#   /usr/share/applications/clv-studio.desktop, the icon in the hicolor theme
include(GNUInstallDirs)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/words ${PROJECT_SOURCE_DIR}/data/sample
        DESTINATION ${CMAKE_INSTALL_DATADIR}/clv-studio)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/clv-studio.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/clv-studio.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME clv-studio)
set(CPACK_PACKAGE_VENDOR "CLV Studio")
set(CPACK_PACKAGE_CONTACT "CLV Studio maintainers <maintainers@clv-studio.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Customer lifetime value from web-site event logs")
set(CPACK_PACKAGE_DESCRIPTION "CLV Studio reads JSON web-site events (customers, site visits, image uploads, orders), cuts them into visits, numbers the weeks and computes visits, weekly spend and lifetime value per customer. It provides the clv-studio desktop application (tables, charts, CSV export, SQLite workspaces) and the clv-etl command for scripts.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://clv-studio.invalid")
# Libraries the binaries link come from dpkg-shlibdeps; what Qt loads as plugins at run time
# it cannot see: the SQLite driver (workspaces), the platform plugins (a window at all, and
# offscreen). (The SVG icon engine comes with libqt6svg6, which the app links.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
# Only a workspace on a PostgreSQL server needs the driver: recommended, not required.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils, libqt6sql6-psql")
# Only clv-cluster (runs on a Dask cluster) needs Dask.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-distributed")

include(CPack)
